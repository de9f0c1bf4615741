package io.incidents.timelineservice.timeline;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.ActionItemStatus;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.IncidentTypeSet;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.PostMortemCompleted;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.PostMortemScheduled;
import io.incidents.events.PostMortemSection;
import io.incidents.events.PostMortemSectionWritten;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.SeverityChanged;
import io.incidents.events.SourceType;
import io.incidents.policy.Detection;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.RollbackChecklists;
import io.incidents.policy.RollbackDurations;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.notification.StoredNotification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An incident's events as sentences ("alice acknowledged after 3 m 12 s"), with what
 * notification-service did about it interleaved by time. Pure and deterministic: the same events
 * always give the same entries.
 */
public final class Timeline {

    private Timeline() {
    }

    public static List<TimelineEntry> of(List<StoredEvent> events, RollbackDurations rollbackDurations) {
        return of(events, List.of(), rollbackDurations);
    }

    /**
     * The incident's events in their order (by sequence) with notification-service's merged in by
     * time: each goes before the first incident event that happened after it, but never before the
     * incident event that called for it (its cause: times written by two services may differ in their
     * last digits), in {@link StoredNotification#ORDER} among themselves.
     */
    public static List<TimelineEntry> of(List<StoredEvent> events, List<StoredNotification> notifications,
                                         RollbackDurations rollbackDurations) {
        Sentences sentences = new Sentences(rollbackDurations);
        Map<String, Integer> positionOf = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            positionOf.put(events.get(i).eventId(), i);
        }
        // before.get(i): the notifications shown just before incident event i (i = size: after the last one)
        List<List<StoredNotification>> before = new ArrayList<>();
        for (int i = 0; i <= events.size(); i++) {
            before.add(new ArrayList<>());
        }
        int byTime = 0; // the notifications come in time order, so where they go by time only moves on
        for (StoredNotification notification : StoredNotification.inOrder(notifications)) {
            while (byTime < events.size() && !events.get(byTime).occurredAt().isAfter(notification.occurredAt())) {
                byTime++;
            }
            int afterCause = positionOf.getOrDefault(notification.event().causeEventId(), -1) + 1;
            before.get(Math.max(byTime, afterCause)).add(notification);
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (int i = 0; i <= events.size(); i++) {
            before.get(i).forEach(notification -> entries.add(NotificationSentences.entry(notification)));
            if (i < events.size()) {
                StoredEvent stored = events.get(i);
                entries.add(new TimelineEntry(stored.sequence(), stored.eventId(), stored.type(), stored.occurredAt(),
                        stored.actor(), sentences.describe(stored), stored.event() instanceof IncidentNoteAdded,
                        TimelineEntry.INCIDENT_SERVICE));
            }
        }
        return entries;
    }

    public static String procedureName(RollbackProcedure procedure) {
        return switch (procedure) {
            case A -> "code rollback";
            case B -> "code and database rollback";
            case C -> "partial rollback";
            case D -> "emergency shutdown";
        };
    }

    /** The title of one of the post-mortem's sections the team writes: "What went well". */
    public static String sectionTitle(PostMortemSection section) {
        return switch (section) {
            case WENT_WELL -> "What went well";
            case TO_IMPROVE -> "What could be improved";
            case LESSONS -> "Lessons";
        };
    }

    private static final class Sentences {
        private final RollbackDurations rollbackDurations;
        private final Map<String, RollbackStarted> rollbacks = new HashMap<>();
        /** The text of every runbook item seen, by id (the latest type's wording wins). */
        private final Map<String, String> runbookItems = new HashMap<>();
        /** Per checklist, the items ticked (done) now. */
        private final Map<String, Set<String>> done = new HashMap<>();
        private final Map<String, ActionItemState> actionItems = new HashMap<>();
        private final Set<PostMortemSection> sectionsWritten = EnumSet.noneOf(PostMortemSection.class);
        private String type;
        private Instant declaredAt;
        private Instant detectedAt;

        private record ActionItemState(String text, String owner, LocalDate dueDate, ActionItemStatus status) {
        }

        Sentences(RollbackDurations rollbackDurations) {
            this.rollbackDurations = rollbackDurations;
        }

        String describe(StoredEvent stored) {
            String who = stored.actor() == null ? "someone" : stored.actor();
            IncidentEvent event = stored.event();
            if (event instanceof IncidentDeclared e) {
                declaredAt = e.declaredAt();
                detectedAt = e.detection();
                String by = e.source() != null && e.source().type() == SourceType.ALERT
                        ? "alert " + e.source().dedupKey() + " from " + e.source().integration() : who;
                return (e.drill() ? "DRILL: " : "") + by + " declared " + e.severity() + " \"" + e.title() + "\" affecting "
                        + String.join(", ", e.services()) + detection(e) + recommendation(e.recommendation(), e.declaredAt());
            }
            if (event instanceof AlertReceived e) {
                // An alert that said nothing about severity has none to show.
                return "alert \"" + e.summary() + "\"" + (e.alertSeverity() == null ? "" : " (" + e.alertSeverity() + ")")
                        + " fired again and was grouped here" + recommendation(e.recommendation(), e.receivedAt());
            }
            if (event instanceof IncidentAcknowledged e) {
                return e.acknowledgedBy() + " acknowledged" + elapsed(e.acknowledgedAt());
            }
            if (event instanceof SeverityChanged e) {
                String direction = e.to().isMoreSevereThan(e.from()) ? "raised" : "lowered";
                return who + " " + direction + " severity from " + e.from() + " to " + e.to() + reason(e.reason());
            }
            if (event instanceof IncidentStatusUpdated e) {
                return who + " posted status " + capitalised(e.phase().name()) + ": " + e.message()
                        + (e.publicTitle() == null ? "" : "; public title \"" + e.publicTitle() + "\"")
                        + (e.components() == null ? "" : "; components: "
                        + (e.components().isEmpty() ? "none" : String.join(", ", e.components())));
            }
            if (event instanceof RoleAssigned e) {
                return e.person() + " is now " + roleName(e.role());
            }
            if (event instanceof RollbackStarted e) {
                rollbacks.put(e.rollbackId(), e);
                return who + " started a " + procedureName(e.procedure()) + " (procedure " + e.procedure() + ") of "
                        + String.join(", ", e.services()) + " to " + e.targetVersion() + reason(e.reason());
            }
            if (event instanceof RollbackCompleted e) {
                return rollbackEnded(e.rollbackId(), "completed", e.completedAt(), null);
            }
            if (event instanceof RollbackFailed e) {
                return rollbackEnded(e.rollbackId(), "failed", e.failedAt(), e.reason());
            }
            if (event instanceof IncidentEscalated e) {
                String to = "escalated to level " + e.level() + " (" + EscalationPolicy.levelName(e.level()) + ")";
                return e.reason() == EscalationReason.ACK_OVERDUE
                        ? Character.toUpperCase(to.charAt(0)) + to.substring(1) + ": not acknowledged in time"
                        : who + " " + to + reason(e.note());
            }
            if (event instanceof IncidentResolved e) {
                return who + " resolved" + elapsed(e.resolvedAt()) + ": " + e.summary();
            }
            if (event instanceof IncidentReopened e) {
                return who + " reopened" + reason(e.reason());
            }
            if (event instanceof RollbackOverran e) {
                RollbackStarted started = rollbacks.get(e.rollbackId());
                return "rollback " + (started == null ? e.rollbackId() : "to " + started.targetVersion()) + " (procedure "
                        + e.procedure() + ", expected within " + HumanDuration.of(e.expectedWithin()) + ") overran";
            }
            if (event instanceof MitigationApplied e) {
                String by = e.appliedBy() == null ? who : e.appliedBy();
                return by + " applied " + mitigationKind(e.kind()) + elapsed(e.appliedAt()) + ": " + e.description();
            }
            if (event instanceof IncidentNoteAdded e) {
                String by = e.author() == null ? who : e.author();
                return by + " noted (internal): " + e.text();
            }
            if (event instanceof DecisionOverdue e) {
                return "decide-by passed: " + e.recommendation() + " was due by " + utc(e.decideBy())
                        + " and no rollback had started; levels reminded";
            }
            if (event instanceof PostMortemActionItemAdded e) {
                actionItems.put(e.actionItemId(), new ActionItemState(e.text(), e.owner(), e.dueDate(), ActionItemStatus.OPEN));
                return who + " added action item \"" + e.text() + "\" for " + e.owner()
                        + (e.dueDate() == null ? "" : ", due " + e.dueDate());
            }
            if (event instanceof IncidentTypeSet e) {
                String earlier = type;
                type = e.type();
                e.checklist().forEach(item -> runbookItems.put(item.id(), item.text()));
                String runbook = " (runbook " + (e.runbookTitle() == null ? "" : "\"" + e.runbookTitle() + "\", ")
                        + e.checklist().size() + (e.checklist().size() == 1 ? " step)" : " steps)");
                if (e.suggested()) {
                    return "type " + e.type() + " suggested by the alert" + runbook;
                }
                return who + (earlier == null || earlier.equals(e.type()) ? " set the type to " + e.type()
                        : " changed the type from " + earlier + " to " + e.type()) + runbook;
            }
            if (event instanceof ChecklistItemTicked e) {
                return ticked(e, e.tickedBy() == null ? who : e.tickedBy());
            }
            if (event instanceof PostMortemSectionWritten e) {
                String verb = sectionsWritten.add(e.section()) ? " wrote" : " rewrote";
                return (e.author() == null ? who : e.author()) + verb + " the post-mortem's \"" + sectionTitle(e.section())
                        + "\": " + e.text();
            }
            if (event instanceof ActionItemUpdated e) {
                return actionItemUpdated(e, e.updatedBy() == null ? who : e.updatedBy());
            }
            if (event instanceof ActionItemOverdue e) {
                return "action item " + actionItemName(e.actionItemId()) + " (" + e.owner() + ") still open at the end of its due date "
                        + e.dueDate() + ": overdue; its owner and the levels told were reminded";
            }
            if (event instanceof PostMortemScheduled e) {
                return who + " scheduled the post-mortem for " + utc(e.dueAt())
                        + (e.owner() == null ? "" : ", owned by " + e.owner());
            }
            if (event instanceof PostMortemOverdue e) {
                return "post-mortem overdue: not completed by " + utc(e.dueAt()) + " ("
                        + (e.owner() == null ? "no owner" : "owner " + e.owner()) + "); its owner and the levels told were reminded";
            }
            if (event instanceof PostMortemCompleted e) {
                return (e.completedBy() == null ? who : e.completedBy()) + " completed the post-mortem";
            }
            return who + " recorded " + stored.type();
        }

        /**
         * "alice ticked \"Critical user flows working\" (verification) of the rollback to v1.2.3;
         * the rollback is verified": the item in words, and what the tick did to the rollback's verification.
         */
        private String ticked(ChecklistItemTicked e, String by) {
            String verb = e.done() ? " ticked " : " unticked ";
            Set<String> doneNow = done.computeIfAbsent(e.checklist(), checklist -> new HashSet<>());
            if (IncidentTypeSet.RUNBOOK_CHECKLIST.equals(e.checklist())) {
                apply(doneNow, e);
                return by + verb + "\"" + runbookItems.getOrDefault(e.itemId(), e.itemId()) + "\" on the runbook";
            }
            String rollbackId = e.checklist().startsWith("rollback:") ? e.checklist().substring("rollback:".length()) : null;
            RollbackStarted started = rollbackId == null ? null : rollbacks.get(rollbackId);
            if (started == null) {
                apply(doneNow, e);
                return by + verb + e.itemId() + " on checklist " + e.checklist();
            }
            boolean verifiedBefore = verified(doneNow);
            apply(doneNow, e);
            boolean verifiedAfter = verified(doneNow);
            String part = part(started, e.itemId());
            return by + verb + "\"" + itemText(started, e.itemId()) + "\"" + (part == null ? "" : " (" + part + ")")
                    + " of the rollback to " + started.targetVersion()
                    + (verifiedAfter && !verifiedBefore ? "; the rollback is verified"
                    : verifiedBefore && !verifiedAfter ? "; the rollback is no longer verified" : "");
        }

        private static void apply(Set<String> doneNow, ChecklistItemTicked e) {
            if (e.done()) {
                doneNow.add(e.itemId());
            } else {
                doneNow.remove(e.itemId());
            }
        }

        private static boolean verified(Set<String> doneNow) {
            return RollbackChecklists.VERIFY.stream().allMatch(item -> doneNow.contains(item.id()));
        }

        private static String part(RollbackStarted started, String itemId) {
            if (contains(RollbackChecklists.BEFORE, itemId)) {
                return "before";
            }
            if (contains(RollbackChecklists.VERIFY, itemId)) {
                return "verification";
            }
            return started.procedure() != null && contains(RollbackChecklists.steps(started.procedure()), itemId)
                    ? "procedure " + started.procedure() : null;
        }

        private static String itemText(RollbackStarted started, String itemId) {
            List<ChecklistItem> items = started.procedure() == null ? List.of() : RollbackChecklists.all(started.procedure());
            return items.stream().filter(item -> item.id().equals(itemId)).map(ChecklistItem::text).findFirst().orElse(itemId);
        }

        private static boolean contains(List<ChecklistItem> items, String itemId) {
            return items.stream().anyMatch(item -> item.id().equals(itemId));
        }

        /** "bob updated action item \"Add a canary\": status open → done, owner erin → carol". */
        private String actionItemUpdated(ActionItemUpdated e, String by) {
            ActionItemState before = actionItems.get(e.actionItemId());
            actionItems.put(e.actionItemId(), new ActionItemState(before == null ? null : before.text(), e.owner(), e.dueDate(),
                    e.status()));
            List<String> changes = new ArrayList<>();
            if (before == null || before.status() != e.status()) {
                changes.add("status " + (before == null ? "" : statusName(before.status()) + " → ") + statusName(e.status()));
            }
            if (before == null || !Objects.equals(before.owner(), e.owner())) {
                changes.add("owner " + (before == null ? "" : before.owner() + " → ") + e.owner());
            }
            if (before == null || !Objects.equals(before.dueDate(), e.dueDate())) {
                changes.add("due " + (before == null ? "" : (before.dueDate() == null ? "none" : before.dueDate()) + " → ")
                        + (e.dueDate() == null ? "none" : e.dueDate()));
            }
            return by + " updated action item " + actionItemName(e.actionItemId())
                    + (changes.isEmpty() ? "" : ": " + String.join(", ", changes));
        }

        private String actionItemName(String actionItemId) {
            ActionItemState item = actionItems.get(actionItemId);
            return item == null || item.text() == null ? actionItemId : "\"" + item.text() + "\"";
        }

        private static String statusName(ActionItemStatus status) {
            return status == null ? "unknown" : status == ActionItemStatus.WONT_DO ? "won't do" : status.name().toLowerCase(Locale.ROOT);
        }

        private String rollbackEnded(String rollbackId, String verb, Instant at, String why) {
            RollbackStarted started = rollbacks.get(rollbackId);
            if (started == null) {
                return "rollback " + rollbackId + " " + verb + reason(why);
            }
            Duration took = Duration.between(started.startedAt(), at);
            String sentence = "rollback to " + started.targetVersion() + " " + verb + " after " + HumanDuration.of(took);
            if (rollbackDurations.isOverrun(started.procedure(), took)) {
                sentence += " (over the " + HumanDuration.of(rollbackDurations.expectedFor(started.procedure()).max())
                        + " expected for procedure " + started.procedure() + ")";
            }
            return sentence + reason(why);
        }

        /**
         * How long after the declaration; also after detection when that came first, since TTA and
         * TTR run from detection (SPEC 4) and a responder compares the sentence with them.
         */
        private String elapsed(Instant at) {
            if (declaredAt == null) {
                return "";
            }
            String sinceDeclaration = HumanDuration.of(Duration.between(declaredAt, at));
            if (!detectedAt.isBefore(declaredAt)) {
                return " after " + sinceDeclaration;
            }
            return " " + HumanDuration.of(Duration.between(detectedAt, at)) + " after detection, " + sinceDeclaration
                    + " after declaration";
        }
    }

    /**
     * When the problem was detected, if before the declaration (the SLA clocks start there), e.g.
     * "; detected 10 m 0 s before declaration at 2026-11-02T07:50:00Z"; and the time given, when it
     * had to be clamped into the {@link Detection#MAX_LEAD} before the declaration.
     */
    private static String detection(IncidentDeclared declared) {
        Instant detected = declared.detection();
        Instant given = declared.detectedAtAsGiven();
        String sentence = "";
        if (detected.isBefore(declared.declaredAt())) {
            sentence = "; detected " + HumanDuration.of(Duration.between(detected, declared.declaredAt()))
                    + " before declaration at " + utc(detected);
        }
        if (given != null) {
            sentence += given.isAfter(declared.declaredAt())
                    ? "; the detection time given (" + utc(given) + ") was after the declaration and was clamped to it"
                    : " (the time given, " + utc(given) + ", was more than " + Detection.MAX_LEAD.toHours()
                    + " h before the declaration and was clamped)";
        }
        return sentence;
    }

    /** An instant in a sentence: ISO-8601 UTC to the second, e.g. "2026-11-02T07:50:00Z". */
    private static String utc(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * The decision matrix's advice for an alert, e.g. "; error rate 12.5 %: ROLLBACK_NOW within 5 m 0 s"
     * counted from {@code alertAt}; "; outage: ..." for an alert that stated an outage without an
     * error rate; nothing about a deadline when the advice has none (FIX_FORWARD).
     */
    public static String recommendation(AlertRecommendation recommendation, Instant alertAt) {
        if (recommendation == null || recommendation.recommendation() == null) {
            return "";
        }
        String evidence = recommendation.errorRatePercent() == null ? "outage"
                : "error rate " + recommendation.errorRatePercent().toPlainString() + " %";
        return "; " + evidence + ": " + recommendation.recommendation()
                + (recommendation.decideBy() == null ? "" : " within " + HumanDuration.of(Duration.between(alertAt,
                recommendation.decideBy())));
    }

    /** "a quick fix", "a workaround". */
    public static String mitigationKind(MitigationKind kind) {
        if (kind == null) {
            return "a mitigation";
        }
        return switch (kind) {
            case QUICK_FIX -> "a quick fix";
            case WORKAROUND -> "a workaround";
        };
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    private static String roleName(IncidentRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String capitalised(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
