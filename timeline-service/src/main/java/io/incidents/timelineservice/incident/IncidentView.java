package io.incidents.timelineservice.incident;

import io.incidents.events.ActionItemStatus;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemSection;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An incident as its events say it stands: what the read API shows and the list is filtered on.
 * {@code detectedAt} is when the problem was detected, where the SLA clocks start (SPEC 4);
 * {@code detectedAtAsGiven} is the time the alert or responder gave when it had to be clamped
 * into the 24 hours before the declaration, null otherwise. {@code notes} are the responders'
 * findings (internal: never shown publicly), {@code mitigations} the quick fixes and workarounds
 * applied (a rollback is in {@code rollbacks}). A {@code drill} (the plan's simulations) is
 * handled as any incident but left out of SLA reports and marked wherever it is shown.
 * {@code type} is the incident type (one of the plan's scenarios) with its runbook's title, both
 * null until one is set; {@code typeSuggested} when an alert suggested it rather than a responder.
 * {@code checklists}: the runbook's items and each rollback's, ticked or not. {@code postMortem}:
 * when the post-mortem is due and whose it is, whether it is done, and the team's sections.
 * {@code phase} is the plan's response phase the incident is in, {@code phases} every stay in one with its
 * time and {@code communication} the concurrent communication phase ({@link ResponsePhases}).
 * Whatever can be overdue ({@code actionItems}, {@code postMortem}) and the current phase's time are
 * judged as of the last event; {@link #judgedAt} judges them at another moment (now, for the read API),
 * the phases only while the incident is unresolved.
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
        List<Mitigation> mitigations,
        boolean drill,
        String type,
        String runbookTitle,
        boolean typeSuggested,
        Checklists checklists,
        PostMortemFollowUp postMortem,
        ResponsePhases.Phase phase,
        List<ResponsePhases.Span> phases,
        ResponsePhases.Communication communication) {

    /** The post-mortem is due this long after the final resolution unless scheduled otherwise (SPEC 7: 24-48 h). */
    public static final Duration POST_MORTEM_WITHIN = Duration.ofHours(48);

    public IncidentView {
        // A view stored before detection was recorded has none: its events' detection is their declaration.
        if (detectedAt == null) {
            detectedAt = declaredAt;
        }
        // A view stored before notes and mitigations were recorded has neither field.
        notes = notes == null ? List.of() : List.copyOf(notes);
        mitigations = mitigations == null ? List.of() : List.copyOf(mitigations);
        // A view stored before types, checklists and the post-mortem's follow-up were recorded has none of them.
        checklists = checklists == null ? Checklists.NONE : checklists;
        if (postMortem == null) {
            postMortem = PostMortemFollowUp.unscheduled(resolvedAt, roles == null ? null : roles.get(IncidentRole.INCIDENT_COMMANDER));
        }
        // A view stored before response phases were derived has none (phase and communication stay null).
        phases = phases == null ? List.of() : List.copyOf(phases);
    }

    /**
     * The same view with what can be overdue (action items, the post-mortem) judged at {@code at}
     * instead of at the last event: an item nobody touched since its due date passed is overdue now.
     */
    public IncidentView judgedAt(Instant at) {
        return new IncidentView(incidentId, title, description, severity, severityAtDeclaration, highestSeverity, status,
                statusPagePhase, services, source, declaredAt, detectedAt, detectedAtAsGiven, acknowledgedAt, acknowledgedBy,
                resolvedAt, resolutionSummary, rootCause, escalationLevel, roles, severityHistory, rollbacks,
                actionItems.stream().map(item -> item.judgedAt(at)).toList(), recommendation, notes, mitigations, drill, type,
                runbookTitle, typeSuggested, checklists, postMortem.judgedAt(at, resolvedAt != null), phase,
                // Once resolved, the phases are judged as of the last event, as the post-mortem judges them: a
                // resolved incident reads the same whenever it is read, and its post-incident time stops growing.
                resolvedAt == null ? ResponsePhases.judgedAt(phases, at) : phases, communication);
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

    /**
     * A post-mortem action item as it stands: its latest owner, due date and status.
     *
     * @param overdueRemindedAt when incident-service reminded its owner that it was still open at the end of its
     *                          (current) due date; null when it did not, or the item is no longer open
     * @param overdue           still open past the end of its due date (UTC), or reminded so, as of the moment the
     *                          view was judged at
     */
    public record ActionItem(String actionItemId, String text, String owner, LocalDate dueDate, Instant addedAt,
                             ActionItemStatus status, String updatedBy, Instant updatedAt, Instant overdueRemindedAt,
                             boolean overdue) {

        public ActionItem {
            // Items stored before their status was recorded were all still open.
            status = status == null ? ActionItemStatus.OPEN : status;
        }

        ActionItem judgedAt(Instant at) {
            boolean past = status == ActionItemStatus.OPEN
                    && (overdueRemindedAt != null || dueDate != null && !at.isBefore(endOf(dueDate)));
            return new ActionItem(actionItemId, text, owner, dueDate, addedAt, status, updatedBy, updatedAt,
                    overdueRemindedAt, past);
        }

        /** A due date is met until its last moment (UTC), as incident-service reminds. */
        public static Instant endOf(LocalDate dueDate) {
            return dueDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** One checklist item and whether it is done; {@code by} and {@code at} say who last ticked or unticked it, and when. */
    public record CheckItem(String id, String text, boolean done, String by, Instant at) {
    }

    /**
     * The runbook's checklist (as the latest type set it; empty without a type) and each rollback's
     * checklists, in the order the rollbacks started.
     */
    public record Checklists(List<CheckItem> runbook, List<RollbackChecklist> rollbacks) {

        public static final Checklists NONE = new Checklists(List.of(), List.of());

        public Checklists {
            runbook = runbook == null ? List.of() : List.copyOf(runbook);
            rollbacks = rollbacks == null ? List.of() : List.copyOf(rollbacks);
        }
    }

    /**
     * A rollback's checklists (SPEC 5): before it, its procedure's steps, the verification after it.
     *
     * @param verified every verification item is ticked
     * @param missing  the verification items not ticked, in order (empty once verified)
     */
    public record RollbackChecklist(String rollbackId, RollbackProcedure procedure, String targetVersion,
                                    List<CheckItem> before, List<CheckItem> steps, List<CheckItem> verify, boolean verified,
                                    List<String> missing) {
    }

    /** The latest text the team wrote for one of the post-mortem's own sections. */
    public record TeamSection(PostMortemSection section, String text, String author, Instant writtenAt) {
    }

    /**
     * The post-mortem's follow-up (SPEC 7).
     *
     * @param dueAt             when it is due: as scheduled, else {@link #POST_MORTEM_WITHIN} after the final
     *                          resolution; null while open and never scheduled
     * @param owner             whom it was scheduled for, else the incident commander; null when neither
     * @param scheduled         a responder scheduled it (due time and owner); otherwise they are the defaults
     * @param overdueRemindedAt when incident-service reminded that it was not completed by its (current) due time
     * @param overdue           resolved, not completed and past its due time (or reminded so), as of the moment the
     *                          view was judged at
     * @param sections          the team's sections written so far, latest text of each, in the post-mortem's order
     */
    public record PostMortemFollowUp(Instant dueAt, String owner, boolean scheduled, Instant scheduledAt, boolean completed,
                                     String completedBy, Instant completedAt, Instant overdueRemindedAt, boolean overdue,
                                     List<TeamSection> sections) {

        public PostMortemFollowUp {
            sections = sections == null ? List.of() : List.copyOf(sections);
        }

        /** Never scheduled, completed or written: the defaults. */
        static PostMortemFollowUp unscheduled(Instant resolvedAt, String commander) {
            return new PostMortemFollowUp(resolvedAt == null ? null : resolvedAt.plus(POST_MORTEM_WITHIN), commander, false,
                    null, false, null, null, null, false, List.of());
        }

        PostMortemFollowUp judgedAt(Instant at, boolean resolved) {
            boolean past = resolved && !completed && dueAt != null && (overdueRemindedAt != null || !at.isBefore(dueAt));
            return new PostMortemFollowUp(dueAt, owner, scheduled, scheduledAt, completed, completedBy, completedAt,
                    overdueRemindedAt, past, sections);
        }

        /** The team's latest text of {@code section}, if written. */
        public Optional<TeamSection> section(PostMortemSection section) {
            return sections.stream().filter(written -> written.section() == section).findFirst();
        }
    }
}
