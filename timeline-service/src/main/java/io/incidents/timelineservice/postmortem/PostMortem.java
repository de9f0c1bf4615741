package io.incidents.timelineservice.postmortem;

import io.incidents.events.ActionItemStatus;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.EscalationReason;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemSection;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.Recommendation;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.ResponsePhases;
import io.incidents.timelineservice.notification.Communications;
import io.incidents.timelineservice.sla.Verdict;
import io.incidents.timelineservice.timeline.TimelineEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The post-mortem of SPEC section 7, as data; {@link PostMortemMarkdown} renders it. Generated from
 * the incident's events and what notification-service did about it (its {@code notification-events}).
 *
 * @param findings          the responders' notes (findings, hypotheses), in order
 * @param mitigations       quick fixes and workarounds applied (rollbacks are in {@code rollbacks}); the first
 *                          mitigation of either kind is where the TTM stops
 * @param decisionReminders each decide-by moment of a decision-matrix recommendation that passed with no
 *                          rollback started, when the current levels were reminded
 * @param whatWentWell      the team's latest text of that section, empty until written (as {@code teamSections})
 * @param drill             one of the plan's simulations: left out of SLA reports
 * @param type              the incident type and its runbook, null when none was set
 * @param runbookChecklist  the runbook's items, ticked or not (empty without a type)
 * @param teamSections      the three sections the team writes, in order, each with its latest text or marked not
 *                          written yet
 * @param lessons           the team's latest "Lessons", empty until written
 * @param schedule          when the post-mortem is due, whose it is and whether it is completed or overdue
 * @param agenda            the post-mortem meeting's agenda (an editable file)
 * @param phases            the plan's response phases the incident went through, each stay with its time (the
 *                          current one counted until the last event), as {@link ResponsePhases} derives them
 * @param communication     the concurrent communication phase: when the first status update went out, if any
 * @param escalations       the escalations incident-service recorded (ack overdue, manual)
 * @param communications    the status updates responders posted (what was asked; what went out is in
 *                          {@code communicationsSent})
 * @param levelsTold        every escalation level notification-service told (at declaration, escalations and raises), with
 *                          the people and where they came from, from {@code notification-events}
 * @param communicationsSent what notification-service actually sent and posted, from {@code notification-events}
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
        List<DecisionReminder> decisionReminders,
        boolean drill,
        IncidentType type,
        List<IncidentView.CheckItem> runbookChecklist,
        List<TeamSection> teamSections,
        String lessons,
        Schedule schedule,
        PostMortemAgenda agenda,
        List<ResponsePhases.Span> phases,
        ResponsePhases.Communication communication,
        List<Communications.Level> levelsTold,
        CommunicationsSent communicationsSent) {

    /**
     * What notification-service actually sent and posted (SPEC 7's "communications actually sent", from
     * {@code notification-events}); {@code communications} keeps the responders' status updates, what was asked.
     *
     * @param statusPosts       every post on the public status page, the automatic ones included
     * @param messagesDelivered the messages delivered per template and channel, with their recipients
     * @param notDelivered      the messages that did not go through (still failing, parked, put back in line): who was
     *                          not reached
     */
    public record CommunicationsSent(List<Communications.StatusPost> statusPosts,
                                     List<Communications.DeliveredGroup> messagesDelivered,
                                     List<Communications.NotDelivered> notDelivered) {

        /** Whether notification-service reported sending or posting anything. */
        public boolean isEmpty() {
            return statusPosts.isEmpty() && messagesDelivered.isEmpty() && notDelivered.isEmpty();
        }
    }

    /** The incident type (one of the plan's scenarios) and its runbook; {@code suggested} by an alert. */
    public record IncidentType(String type, String runbookTitle, boolean suggested) {
    }

    /**
     * One of the sections the team writes.
     *
     * @param written false until the team writes it: {@code text} is then empty
     */
    public record TeamSection(PostMortemSection section, String title, boolean written, String text, String author,
                              Instant writtenAt) {
    }

    /**
     * The post-mortem's own follow-up (SPEC 7), judged as of the last event as the rest of the
     * document is.
     *
     * @param dueAt     as scheduled, else 48 h after the final resolution; null while unresolved and unscheduled
     * @param owner     as scheduled, else the incident commander; null when neither
     * @param scheduled a responder scheduled it; otherwise due time and owner are the defaults
     * @param overdue   not completed by its due time (incident-service reminded, or a later event shows it)
     */
    public record Schedule(Instant dueAt, String owner, boolean scheduled, boolean completed, String completedBy,
                           Instant completedAt, boolean overdue) {
    }

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
     * @param verified             every item of its verification checklist is ticked (SPEC 5)
     * @param verificationMissing  the verification items not ticked, in order
     * @param checklist            its checklists (before, the procedure's steps, verification) as they stand
     */
    public record RollbackReport(String rollbackId, RollbackProcedure procedure, String procedureName, List<String> services,
                                 String targetVersion, String reason, IncidentView.RollbackStatus status, Instant startedAt,
                                 Instant endedAt, Long durationSeconds, long expectedMinSeconds, long expectedMaxSeconds,
                                 boolean overrun, String failureReason, Long stillRunningSeconds, Instant overranAt,
                                 boolean verified, List<String> verificationMissing, IncidentView.RollbackChecklist checklist) {
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

    /**
     * A status-page update as posted.
     *
     * @param publicTitle the title customers saw from this update on; null when it kept the one in force
     * @param components  the components named from this update on; null when it kept those in force
     */
    public record Communication(StatusPagePhase phase, String message, Instant at, String actor, String publicTitle,
                                List<String> components) {
    }

    /**
     * An action item as it stands (owner, due date and status as last updated).
     *
     * @param overdue still open past the end of its due date (incident-service reminded its owner, or a later event
     *                shows the date passed)
     */
    public record ActionItem(String text, String owner, LocalDate dueDate, Instant addedAt, String actionItemId,
                             ActionItemStatus status, boolean overdue) {
    }
}
