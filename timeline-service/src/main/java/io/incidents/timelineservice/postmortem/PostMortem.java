package io.incidents.timelineservice.postmortem;

import io.incidents.events.AlertRecommendation;
import io.incidents.events.EscalationReason;
import io.incidents.events.MitigationKind;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.Recommendation;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.sla.Verdict;
import io.incidents.timelineservice.timeline.TimelineEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The post-mortem of SPEC section 7, as data; {@link PostMortemMarkdown} renders it.
 *
 * @param findings          the responders' notes (findings, hypotheses), in order
 * @param mitigations       quick fixes and workarounds applied (rollbacks are in {@code rollbacks}); the first
 *                          mitigation of either kind is where the TTM stops
 * @param decisionReminders each decide-by moment of a decision-matrix recommendation that passed with no
 *                          rollback started, when the current levels were reminded
 */
public record PostMortem(
        String incidentId,
        String title,
        boolean resolved,
        String summary,
        Impact impact,
        List<TimelineEntry> timeline,
        Metrics metrics,
        List<RollbackReport> rollbacks,
        List<Escalation> escalations,
        List<Communication> communications,
        String rootCause,
        List<ActionItem> actionItems,
        String whatWentWell,
        String whatCouldBeImproved,
        AlertRecommendation recommendation,
        List<Finding> findings,
        List<Mitigation> mitigations,
        List<DecisionReminder> decisionReminders) {

    /**
     * @param detectedAt        when the problem was detected, where the SLA clocks started (SPEC 4)
     * @param detectedAtAsGiven the detection time given, when it had to be clamped; null otherwise
     * @param durationSeconds   detection to final resolution (the TTR), null while open
     */
    public record Impact(List<String> services, Severity severityAtDeclaration, Severity highestSeverity,
                         List<IncidentView.SeverityChange> severityHistory, Instant declaredAt, Instant detectedAt,
                         Instant detectedAtAsGiven, Instant resolvedAt, Long durationSeconds) {

        /** Whether detection says more than the declaration: it came first, or the time given was clamped. */
        public boolean detectionWorthTelling() {
            return detectedAt.isBefore(declaredAt) || detectedAtAsGiven != null;
        }
    }

    /** TTA, TTM and TTR, from detection as the SLA clocks run; a target is the time its deadline allowed from detection. */
    public record Metrics(Metric timeToAcknowledge, Metric timeToMitigate, Metric timeToResolve) {
    }

    public record Metric(Long seconds, Long targetSeconds, Verdict verdict) {
    }

    /**
     * @param durationSeconds      start to end, null while it still runs
     * @param overrun              it ran past its procedure's upper bound: it took longer, it was still running past
     *                             it at the resolution (or, in a draft, at the last event), or incident-service
     *                             recorded that it overran
     * @param stillRunningSeconds  for a rollback still running at the resolution (or, in a draft, at the last
     *                             event): how long it had run by then; null for one that ended
     * @param overranAt            when incident-service recorded that it overran; null if it never did
     */
    public record RollbackReport(String rollbackId, RollbackProcedure procedure, String procedureName, List<String> services,
                                 String targetVersion, String reason, IncidentView.RollbackStatus status, Instant startedAt,
                                 Instant endedAt, Long durationSeconds, long expectedMinSeconds, long expectedMaxSeconds,
                                 boolean overrun, String failureReason, Long stillRunningSeconds, Instant overranAt) {
    }

    /** A responder's finding or hypothesis (internal). */
    public record Finding(String text, String author, Instant at) {
    }

    public record Mitigation(MitigationKind kind, String description, String appliedBy, Instant at) {
    }

    /** A decide-by moment that passed with no rollback started; the current levels were reminded then. */
    public record DecisionReminder(Recommendation recommendation, Instant decideBy) {
    }

    public record Escalation(int level, String levelName, EscalationReason reason, String note, Instant at, String actor) {
    }

    public record Communication(StatusPagePhase phase, String message, Instant at, String actor) {
    }

    public record ActionItem(String text, String owner, LocalDate dueDate, Instant addedAt) {
    }
}
