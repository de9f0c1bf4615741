package io.incidents.timelineservice.incident;

import io.incidents.events.AlertRecommendation;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.MitigationKind;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An incident as its events say it stands: what the read API shows and the list is filtered on.
 * {@code detectedAt} is when the problem was detected, where the SLA clocks start (SPEC 4);
 * {@code detectedAtAsGiven} is the time the alert or responder gave when it had to be clamped
 * into the 24 hours before the declaration, null otherwise. {@code notes} are the responders'
 * findings (internal: never shown publicly), {@code mitigations} the quick fixes and workarounds
 * applied (a rollback is in {@code rollbacks}).
 */
public record IncidentView(
        String incidentId,
        String title,
        String description,
        Severity severity,
        Severity severityAtDeclaration,
        Severity highestSeverity,
        IncidentStatus status,
        StatusPagePhase statusPagePhase,
        List<String> services,
        IncidentSource source,
        Instant declaredAt,
        Instant detectedAt,
        Instant detectedAtAsGiven,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolutionSummary,
        String rootCause,
        int escalationLevel,
        Map<IncidentRole, String> roles,
        List<SeverityChange> severityHistory,
        List<Rollback> rollbacks,
        List<ActionItem> actionItems,
        AlertRecommendation recommendation,
        List<Note> notes,
        List<Mitigation> mitigations) {

    public IncidentView {
        // A view stored before detection was recorded has none: its events' detection is their declaration.
        if (detectedAt == null) {
            detectedAt = declaredAt;
        }
        // A view stored before notes and mitigations were recorded has neither field.
        notes = notes == null ? List.of() : List.copyOf(notes);
        mitigations = mitigations == null ? List.of() : List.copyOf(mitigations);
    }

    public record SeverityChange(Instant at, Severity from, Severity to, String reason) {
    }

    public enum RollbackStatus { RUNNING, COMPLETED, FAILED }

    /**
     * @param overranAt when incident-service recorded that the rollback was still running past its
     *                  procedure's upper bound (RollbackOverran); null when it never did
     */
    public record Rollback(String rollbackId, RollbackProcedure procedure, List<String> services, String targetVersion,
                           String reason, RollbackStatus status, Instant startedAt, Instant endedAt,
                           String failureReason, Instant overranAt) {
    }

    /** A responder's finding or hypothesis. Internal: for responders and the post-mortem, never public. */
    public record Note(String noteId, String text, String author, Instant addedAt) {
    }

    /** A quick fix or a workaround that mitigated the incident (counts towards TTM). */
    public record Mitigation(String mitigationId, MitigationKind kind, String description, String appliedBy,
                             Instant appliedAt) {
    }

    public record ActionItem(String actionItemId, String text, String owner, LocalDate dueDate, Instant addedAt) {
    }
}
