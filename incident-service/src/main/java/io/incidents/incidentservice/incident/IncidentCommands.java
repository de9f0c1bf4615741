package io.incidents.incidentservice.incident;

import io.incidents.events.ActionItemStatus;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemSection;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The commands of the Incident aggregate. Each carries the moment it was issued ({@code at}),
 * taken from the injected clock by whoever sends it, so the aggregate never reads a clock.
 */
public final class IncidentCommands {

    private IncidentCommands() {
    }

    /**
     * @param detectedAt when the problem was detected as the alert or the responder gave it (null:
     *                   at declaration); the aggregate clamps it into the 24 h before {@code at}
     */
    public record DeclareIncidentCommand(@TargetAggregateIdentifier String incidentId, String title, String description,
                                         Severity severity, List<String> services, IncidentSource source, Instant at,
                                         AlertRecommendation recommendation, Instant detectedAt, boolean drill,
                                         RunbookChoice type) {

        public DeclareIncidentCommand(String incidentId, String title, String description, Severity severity,
                                      List<String> services, IncidentSource source, Instant at,
                                      AlertRecommendation recommendation, Instant detectedAt, boolean drill) {
            this(incidentId, title, description, severity, services, source, at, recommendation, detectedAt, drill, null);
        }

        public DeclareIncidentCommand(String incidentId, String title, String description, Severity severity,
                                      List<String> services, IncidentSource source, Instant at,
                                      AlertRecommendation recommendation, Instant detectedAt) {
            this(incidentId, title, description, severity, services, source, at, recommendation, detectedAt, false);
        }

        public DeclareIncidentCommand(String incidentId, String title, String description, Severity severity,
                                      List<String> services, IncidentSource source, Instant at,
                                      AlertRecommendation recommendation) {
            this(incidentId, title, description, severity, services, source, at, recommendation, null);
        }

        public DeclareIncidentCommand(String incidentId, String title, String description, Severity severity,
                                      List<String> services, IncidentSource source, Instant at) {
            this(incidentId, title, description, severity, services, source, at, null);
        }
    }

    /** An alert fired again for an open incident's dedup key; a more severe alert raises the incident. */
    /**
     * @param alertSeverity  what the alert's own evidence calls for; null when it says nothing (it then never raises)
     * @param recommendation the decision matrix's advice for its error rate or outage flag, if any
     */
    public record ReceiveAlertCommand(@TargetAggregateIdentifier String incidentId, String integration, String dedupKey,
                                      String summary, Severity alertSeverity, Instant at, AlertRecommendation recommendation) {

        public ReceiveAlertCommand(String incidentId, String integration, String dedupKey, String summary,
                                   Severity alertSeverity, Instant at) {
            this(incidentId, integration, dedupKey, summary, alertSeverity, at, null);
        }
    }

    public record AcknowledgeIncidentCommand(@TargetAggregateIdentifier String incidentId, String acknowledgedBy, Instant at) {
    }

    public record ChangeSeverityCommand(@TargetAggregateIdentifier String incidentId, Severity severity, String reason,
                                        Instant at) {
    }

    /** {@code publicTitle} and {@code components}: null to keep those already published (SPEC 6). */
    public record UpdateIncidentStatusCommand(@TargetAggregateIdentifier String incidentId, StatusPagePhase phase,
                                              String message, Instant at, String publicTitle, List<String> components) {

        public UpdateIncidentStatusCommand(String incidentId, StatusPagePhase phase, String message, Instant at) {
            this(incidentId, phase, message, at, null, null);
        }
    }

    public record AssignRoleCommand(@TargetAggregateIdentifier String incidentId, IncidentRole role, String person,
                                    Instant at) {
    }

    public record StartRollbackCommand(@TargetAggregateIdentifier String incidentId, String rollbackId,
                                       RollbackProcedure procedure, List<String> services, String targetVersion,
                                       String reason, Instant at) {
    }

    public record CompleteRollbackCommand(@TargetAggregateIdentifier String incidentId, String rollbackId, Instant at) {
    }

    public record FailRollbackCommand(@TargetAggregateIdentifier String incidentId, String rollbackId, String reason,
                                      Instant at) {
    }

    /** One level up: by hand (MANUAL), or, in an import of past incidents, for a missed acknowledgement (ACK_OVERDUE). */
    public record EscalateIncidentCommand(@TargetAggregateIdentifier String incidentId, EscalationReason reason, String note,
                                          Instant at) {

        public EscalateIncidentCommand {
            reason = reason == null ? EscalationReason.MANUAL : reason;
        }

        /** By hand. */
        public EscalateIncidentCommand(String incidentId, String note, Instant at) {
            this(incidentId, EscalationReason.MANUAL, note, at);
        }
    }

    public record ResolveIncidentCommand(@TargetAggregateIdentifier String incidentId, String summary, String rootCause,
                                         Instant at) {
    }

    public record ReopenIncidentCommand(@TargetAggregateIdentifier String incidentId, String reason, Instant at) {
    }

    public record AddActionItemCommand(@TargetAggregateIdentifier String incidentId, String actionItemId, String text,
                                       String owner, LocalDate due, Instant at) {
    }

    public record AddNoteCommand(@TargetAggregateIdentifier String incidentId, String noteId, String text, String author,
                                 Instant at) {
    }

    public record ApplyMitigationCommand(@TargetAggregateIdentifier String incidentId, String mitigationId,
                                         MitigationKind kind, String description, String appliedBy, Instant at) {
    }

    public record WritePostMortemSectionCommand(@TargetAggregateIdentifier String incidentId, PostMortemSection section,
                                                String text, String author, Instant at) {
    }

    /** Null fields keep the item's current value. */
    public record UpdateActionItemCommand(@TargetAggregateIdentifier String incidentId, String actionItemId, String owner,
                                          LocalDate due, ActionItemStatus status, String updatedBy, Instant at) {
    }

    public record SchedulePostMortemCommand(@TargetAggregateIdentifier String incidentId, String owner, Instant dueAt,
                                            Instant at) {
    }

    public record CompletePostMortemCommand(@TargetAggregateIdentifier String incidentId, String completedBy, Instant at) {
    }

    /**
     * An incident type with its runbook's checklist as it reads now (the event keeps this copy).
     * {@code suggested}: from an alert, not chosen by a responder.
     */
    public record RunbookChoice(String type, String title, List<ChecklistItem> checklist, boolean suggested) {
    }

    public record SetIncidentTypeCommand(@TargetAggregateIdentifier String incidentId, RunbookChoice type, Instant at) {
    }

    /** {@code checklist}: {@code runbook} or {@code rollback:<rollbackId>} (see {@link ChecklistItemTicked}). */
    public record TickChecklistItemCommand(@TargetAggregateIdentifier String incidentId, String checklist, String itemId,
                                           boolean done, String tickedBy, Instant at) {
    }
}
