package io.incidents.timelineservice.incident;

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
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.EscalationPolicy;
import io.incidents.timelineservice.incident.IncidentView.ActionItem;
import io.incidents.timelineservice.incident.IncidentView.Mitigation;
import io.incidents.timelineservice.incident.IncidentView.Note;
import io.incidents.timelineservice.incident.IncidentView.Rollback;
import io.incidents.timelineservice.incident.IncidentView.RollbackStatus;
import io.incidents.timelineservice.incident.IncidentView.SeverityChange;
import io.incidents.support.events.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        private StatusPagePhase phase = StatusPagePhase.INVESTIGATING;
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
        private final List<ActionItem> actionItems = new ArrayList<>();
        private final List<Note> notes = new ArrayList<>();
        private final List<Mitigation> mitigations = new ArrayList<>();

        Fold(IncidentDeclared declared) {
            this.declared = declared;
            this.severity = declared.severity();
            this.highest = declared.severity();
            this.escalationLevel = EscalationPolicy.DEFAULT.levelAtDeclaration(declared.severity());
        }

        // Java 17: no pattern matching for switch yet, hence the instanceof chain.
        void apply(IncidentEvent event) {
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
                phase = e.phase();
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
                resolved = false;
                resolvedAt = null;
                mitigatedSinceOpened = false;
            } else if (event instanceof PostMortemActionItemAdded e) {
                actionItems.add(new ActionItem(e.actionItemId(), e.text(), e.owner(), e.dueDate(), e.addedAt()));
            }
            // AlertReceived and DecisionOverdue show in the timeline but change no state here.
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
                    List.copyOf(rollbacks.values()), List.copyOf(actionItems), declared.recommendation(),
                    List.copyOf(notes), List.copyOf(mitigations));
        }
    }
}
