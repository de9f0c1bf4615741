package io.incidents.timelineservice.incident;

import io.incidents.events.AlertRecommendation;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
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
 * into the 24 hours before the declaration, null otherwise.
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
        AlertRecommendation recommendation) {

    public IncidentView {
        // A view stored before detection was recorded has none: its events' detection is their declaration.
        if (detectedAt == null) {
            detectedAt = declaredAt;
        }
    }

    public record SeverityChange(Instant at, Severity from, Severity to, String reason) {
    }

    public enum RollbackStatus { RUNNING, COMPLETED, FAILED }

    public record Rollback(String rollbackId, RollbackProcedure procedure, List<String> services, String targetVersion,
                           String reason, RollbackStatus status, Instant startedAt, Instant endedAt,
                           String failureReason) {
    }

    public record ActionItem(String actionItemId, String text, String owner, LocalDate dueDate, Instant addedAt) {
    }
}
