package io.incidents.timelineservice.incident;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.ActionItemStatus;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
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
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.RollbackChecklists;
import io.incidents.timelineservice.incident.IncidentView.ActionItem;
import io.incidents.timelineservice.incident.IncidentView.CheckItem;
import io.incidents.timelineservice.incident.IncidentView.Checklists;
import io.incidents.timelineservice.incident.IncidentView.Mitigation;
import io.incidents.timelineservice.incident.IncidentView.Note;
import io.incidents.timelineservice.incident.IncidentView.PostMortemFollowUp;
import io.incidents.timelineservice.incident.IncidentView.Rollback;
import io.incidents.timelineservice.incident.IncidentView.RollbackChecklist;
import io.incidents.timelineservice.incident.IncidentView.RollbackStatus;
import io.incidents.timelineservice.incident.IncidentView.SeverityChange;
import io.incidents.timelineservice.incident.IncidentView.TeamSection;
import io.incidents.support.events.StoredEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds an incident's events (in sequence order) into its {@link IncidentView}. Pure: the
 * live read model, a replay and an as-of view all come from this one function.
 */
public final class IncidentProjector {

    private IncidentProjector() {
    }

    /** Empty when the events do not start with the incident's declaration (it has not arrived yet). */
    public static Optional<IncidentView> project(List<StoredEvent> events) {
        if (events.isEmpty() || !(events.get(0).event() instanceof IncidentDeclared)) {
            return Optional.empty();
        }
        Fold fold = new Fold((IncidentDeclared) events.get(0).event());
        events.stream().skip(1).map(StoredEvent::event).forEach(fold::apply);
        return Optional.of(fold.view());
    }

    /** The incident as it stood at {@code asOf}: only the events that had happened by then. */
    public static Optional<IncidentView> projectAsOf(List<StoredEvent> events, Instant asOf) {
        return project(happenedBy(events, asOf));
    }

    /** The events that had happened by {@code asOf} (all of them when it is null). */
    public static List<StoredEvent> happenedBy(List<StoredEvent> events, Instant asOf) {
        return asOf == null ? events : events.stream().filter(e -> !e.occurredAt().isAfter(asOf)).toList();
    }

    private static final class Fold {
        private final IncidentDeclared declared;
        private Severity severity;
        private Severity highest;
        /** The status page's phase: null until a responder publishes it (SPEC 6), and always for a drill. */
        private StatusPagePhase phase;
        private Instant acknowledgedAt;
        private String acknowledgedBy;
        private boolean resolved;
        private Instant resolvedAt;
        private String resolutionSummary;
        private String rootCause;
        private boolean mitigatedSinceOpened;
        private int escalationLevel;
        private final Map<IncidentRole, String> roles = new EnumMap<>(IncidentRole.class);
        private final List<SeverityChange> severityHistory = new ArrayList<>();
        private final Map<String, Rollback> rollbacks = new LinkedHashMap<>();
        private final Map<String, ActionItem> actionItems = new LinkedHashMap<>();
        /** Per action item, the due dates incident-service reminded it was still open at the end of, and when. */
        private final Map<String, Map<LocalDate, Instant>> actionItemReminders = new HashMap<>();
        private final List<Note> notes = new ArrayList<>();
        private final List<Mitigation> mitigations = new ArrayList<>();
        private String type;
        private String runbookTitle;
        private boolean typeSuggested;
        private List<ChecklistItem> runbook = List.of();
        /** Per checklist ("runbook", "rollback:<id>"), each item's latest tick or untick. */
        private final Map<String, Map<String, Tick>> ticks = new HashMap<>();
        private final Map<PostMortemSection, TeamSection> sections = new EnumMap<>(PostMortemSection.class);
        private PostMortemScheduled scheduled;
        private PostMortemCompleted completed;
        private final Set<Instant> postMortemReminders = new HashSet<>();
        private Instant lastEventAt;
        private final ResponsePhases responsePhases;
        /**
         * The decision matrix's current advice: the declaration's, replaced by each repeat alert that
         * carries one (as incident-service arms its decide-by reminder from the latest advice).
         */
        private AlertRecommendation recommendation;

        private record Tick(boolean done, String by, Instant at) {
        }

        Fold(IncidentDeclared declared) {
            this.declared = declared;
            this.lastEventAt = declared.occurredAt();
            this.severity = declared.severity();
            this.recommendation = declared.recommendation();
            this.highest = declared.severity();
            this.escalationLevel = EscalationPolicy.DEFAULT.levelAtDeclaration(declared.severity());
            this.responsePhases = ResponsePhases.detectedAt(declared.detection());
        }

        // Java 17: no pattern matching for switch yet, hence the instanceof chain.
        void apply(IncidentEvent event) {
            if (event.occurredAt() != null && event.occurredAt().isAfter(lastEventAt)) {
                lastEventAt = event.occurredAt();
            }
            responsePhases.apply(event);
            if (event instanceof IncidentAcknowledged e) {
                if (acknowledgedAt == null) {
                    acknowledgedAt = e.acknowledgedAt();
                    acknowledgedBy = e.acknowledgedBy();
                }
            } else if (event instanceof SeverityChanged e) {
                severityHistory.add(new SeverityChange(e.changedAt(), e.from(), e.to(), e.reason()));
                severity = e.to();
                if (e.to().isMoreSevereThan(highest)) {
                    highest = e.to();
                }
                escalationLevel = Math.max(escalationLevel, EscalationPolicy.DEFAULT.levelAtDeclaration(e.to()));
            } else if (event instanceof IncidentStatusUpdated e) {
                phase = declared.drill() ? null : e.phase();
            } else if (event instanceof RoleAssigned e) {
                roles.put(e.role(), e.person());
            } else if (event instanceof RollbackStarted e) {
                rollbacks.put(e.rollbackId(), new Rollback(e.rollbackId(), e.procedure(), e.services(), e.targetVersion(),
                        e.reason(), RollbackStatus.RUNNING, e.startedAt(), null, null, null));
            } else if (event instanceof RollbackCompleted e) {
                rollbacks.computeIfPresent(e.rollbackId(), (id, r) -> ended(r, RollbackStatus.COMPLETED, e.completedAt(), null));
                mitigatedSinceOpened = true;
            } else if (event instanceof RollbackFailed e) {
                rollbacks.computeIfPresent(e.rollbackId(), (id, r) -> ended(r, RollbackStatus.FAILED, e.failedAt(), e.reason()));
            } else if (event instanceof RollbackOverran e) {
                rollbacks.computeIfPresent(e.rollbackId(), (id, r) -> r.overranAt() != null ? r : new Rollback(r.rollbackId(),
                        r.procedure(), r.services(), r.targetVersion(), r.reason(), r.status(), r.startedAt(), r.endedAt(),
                        r.failureReason(), e.overranAt()));
            } else if (event instanceof MitigationApplied e) {
                mitigations.add(new Mitigation(e.mitigationId(), e.kind(), e.description(), e.appliedBy(), e.appliedAt()));
                // A quick fix or a workaround stops the harm as a completed rollback does.
                mitigatedSinceOpened = true;
            } else if (event instanceof IncidentNoteAdded e) {
                notes.add(new Note(e.noteId(), e.text(), e.author(), e.addedAt()));
            } else if (event instanceof IncidentEscalated e) {
                escalationLevel = Math.max(escalationLevel, e.level());
            } else if (event instanceof IncidentResolved e) {
                resolved = true;
                resolvedAt = e.resolvedAt();
                resolutionSummary = e.summary();
                rootCause = e.rootCause();
            } else if (event instanceof IncidentReopened) {
                // notification-service posts "investigating" again for a published incident.
                phase = phase == null ? null : StatusPagePhase.INVESTIGATING;
                resolved = false;
                resolvedAt = null;
                mitigatedSinceOpened = false;
            } else if (event instanceof PostMortemActionItemAdded e) {
                actionItems.put(e.actionItemId(), new ActionItem(e.actionItemId(), e.text(), e.owner(), e.dueDate(), e.addedAt(),
                        ActionItemStatus.OPEN, null, null, null, false));
            } else if (event instanceof ActionItemUpdated e) {
                actionItems.computeIfPresent(e.actionItemId(), (id, item) -> new ActionItem(id, item.text(), e.owner(),
                        e.dueDate(), item.addedAt(), e.status(), e.updatedBy(), e.updatedAt(), null, false));
            } else if (event instanceof ActionItemOverdue e) {
                actionItemReminders.computeIfAbsent(e.actionItemId(), id -> new HashMap<>()).putIfAbsent(e.dueDate(), e.overdueAt());
            } else if (event instanceof IncidentTypeSet e) {
                // A later type replaces the earlier one and its runbook; ticks stay with their item ids, as in incident-service.
                type = e.type();
                runbookTitle = e.runbookTitle();
                typeSuggested = e.suggested();
                runbook = e.checklist();
            } else if (event instanceof ChecklistItemTicked e) {
                ticks.computeIfAbsent(e.checklist(), checklist -> new HashMap<>())
                        .put(e.itemId(), new Tick(e.done(), e.tickedBy(), e.tickedAt()));
            } else if (event instanceof PostMortemSectionWritten e) {
                sections.put(e.section(), new TeamSection(e.section(), e.text(), e.author(), e.writtenAt()));
            } else if (event instanceof PostMortemScheduled e) {
                scheduled = e;
            } else if (event instanceof PostMortemOverdue e) {
                postMortemReminders.add(e.dueAt());
            } else if (event instanceof PostMortemCompleted e) {
                if (completed == null) {
                    completed = e;
                }
            } else if (event instanceof AlertReceived e) {
                if (e.recommendation() != null && e.recommendation().recommendation() != null) {
                    recommendation = e.recommendation();
                }
            }
            // DecisionOverdue shows in the timeline but changes no state here.
        }

        private List<ActionItem> actionItems() {
            return actionItems.values().stream().map(item -> {
                Instant reminded = item.status() != ActionItemStatus.OPEN || item.dueDate() == null ? null
                        : actionItemReminders.getOrDefault(item.actionItemId(), Map.of()).get(item.dueDate());
                return new ActionItem(item.actionItemId(), item.text(), item.owner(), item.dueDate(), item.addedAt(),
                        item.status(), item.updatedBy(), item.updatedAt(), reminded, false);
            }).toList();
        }

        private Checklists checklists() {
            List<CheckItem> runbookItems = checked(IncidentTypeSet.RUNBOOK_CHECKLIST, runbook);
            List<RollbackChecklist> rollbackLists = rollbacks.values().stream().map(r -> {
                String checklist = ChecklistItemTicked.rollbackChecklist(r.rollbackId());
                List<CheckItem> verify = checked(checklist, RollbackChecklists.VERIFY);
                List<String> missing = verify.stream().filter(item -> !item.done()).map(CheckItem::text).toList();
                return new RollbackChecklist(r.rollbackId(), r.procedure(), r.targetVersion(),
                        checked(checklist, RollbackChecklists.BEFORE), checked(checklist, RollbackChecklists.steps(r.procedure())),
                        verify, missing.isEmpty(), missing);
            }).toList();
            return new Checklists(runbookItems, rollbackLists);
        }

        private List<CheckItem> checked(String checklist, List<ChecklistItem> items) {
            Map<String, Tick> ticked = ticks.getOrDefault(checklist, Map.of());
            return items.stream().map(item -> {
                Tick tick = ticked.get(item.id());
                return tick == null ? new CheckItem(item.id(), item.text(), false, null, null)
                        : new CheckItem(item.id(), item.text(), tick.done(), tick.by(), tick.at());
            }).toList();
        }

        private PostMortemFollowUp postMortem() {
            Instant dueAt = scheduled != null ? scheduled.dueAt()
                    : resolved ? resolvedAt.plus(IncidentView.POST_MORTEM_WITHIN) : null;
            String owner = scheduled != null && scheduled.owner() != null ? scheduled.owner()
                    : roles.get(IncidentRole.INCIDENT_COMMANDER);
            Instant reminded = dueAt != null && postMortemReminders.contains(dueAt) ? dueAt : null;
            return new PostMortemFollowUp(dueAt, owner, scheduled != null, scheduled == null ? null : scheduled.scheduledAt(),
                    completed != null, completed == null ? null : completed.completedBy(),
                    completed == null ? null : completed.completedAt(), reminded, false, List.copyOf(sections.values()));
        }

        private static Rollback ended(Rollback r, RollbackStatus status, Instant at, String failureReason) {
            return new Rollback(r.rollbackId(), r.procedure(), r.services(), r.targetVersion(), r.reason(), status,
                    r.startedAt(), at, failureReason, r.overranAt());
        }

        IncidentView view() {
            IncidentStatus status = resolved ? IncidentStatus.RESOLVED
                    : mitigatedSinceOpened ? IncidentStatus.MITIGATED
                    : acknowledgedAt != null ? IncidentStatus.ACKNOWLEDGED
                    : IncidentStatus.OPEN;
            return new IncidentView(declared.incidentId(), declared.title(), declared.description(), severity,
                    declared.severity(), highest, status, resolved ? null : phase, declared.services(), declared.source(),
                    declared.declaredAt(), declared.detection(), declared.detectedAtAsGiven(), acknowledgedAt, acknowledgedBy,
                    resolvedAt, resolutionSummary, rootCause, escalationLevel, Map.copyOf(roles), List.copyOf(severityHistory),
                    List.copyOf(rollbacks.values()), actionItems(), recommendation,
                    List.copyOf(notes), List.copyOf(mitigations), declared.drill(), type, runbookTitle, typeSuggested,
                    checklists(), postMortem(), responsePhases.current(), responsePhases.spans(lastEventAt),
                    responsePhases.communication()).judgedAt(lastEventAt);
        }
    }
}
