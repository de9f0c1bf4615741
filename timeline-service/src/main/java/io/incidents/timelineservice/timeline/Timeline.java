package io.incidents.timelineservice.timeline;

import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
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
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemActionItemAdded;
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
import io.incidents.policy.RollbackDurations;
import io.incidents.support.events.StoredEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An incident's events as sentences ("alice acknowledged after 3 m 12 s"). Pure and
 * deterministic: the same events always give the same entries.
 */
public final class Timeline {

    private Timeline() {
    }

    public static List<TimelineEntry> of(List<StoredEvent> events, RollbackDurations rollbackDurations) {
        Sentences sentences = new Sentences(rollbackDurations);
        List<TimelineEntry> entries = new ArrayList<>();
        for (StoredEvent stored : events) {
            entries.add(new TimelineEntry(stored.sequence(), stored.eventId(), stored.type(), stored.occurredAt(),
                    stored.actor(), sentences.describe(stored), stored.event() instanceof IncidentNoteAdded));
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

    private static final class Sentences {
        private final RollbackDurations rollbackDurations;
        private final Map<String, RollbackStarted> rollbacks = new HashMap<>();
        private Instant declaredAt;
        private Instant detectedAt;

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
                return by + " declared " + e.severity() + " \"" + e.title() + "\" affecting " + String.join(", ", e.services())
                        + detection(e) + recommendation(e.recommendation(), e.declaredAt());
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
                return who + " posted status " + capitalised(e.phase().name()) + ": " + e.message();
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
                return who + " added action item \"" + e.text() + "\" for " + e.owner()
                        + (e.dueDate() == null ? "" : ", due " + e.dueDate());
            }
            return who + " recorded " + stored.type();
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
