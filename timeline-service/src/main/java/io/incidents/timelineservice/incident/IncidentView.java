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

/** An incident as its events say it stands: what the read API shows and the list is filtered on. */
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
