package io.incidents.timelineservice.postmortem;

import io.incidents.events.DecisionOverdue;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.PostMortemSection;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.incident.IncidentProjector;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.notification.Communications;
import io.incidents.timelineservice.notification.StoredNotification;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.sla.Clock;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import io.incidents.timelineservice.timeline.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Generates a post-mortem from an incident's events and notification-service's events about it
 * (what it actually sent and posted, who it told at each level), and nothing else. No clock is read: clocks still
 * running are judged as of the incident's last event, and a rollback still running as of the
 * resolution (the last event while open), so the same events give the same document. So are
 * action items and the post-mortem itself judged overdue: reminded by incident-service, or past
 * due by the last event. The meeting's agenda is the one configured (a file read at start).
 */
public final class PostMortemGenerator {

    private final SlaPolicy slaPolicy;
    private final RollbackDurations rollbackDurations;
    private final PostMortemAgenda agenda;

    /** With the shipped meeting agenda. */
    public PostMortemGenerator(SlaPolicy slaPolicy, RollbackDurations rollbackDurations) {
        this(slaPolicy, rollbackDurations, PostMortemAgenda.shipped());
    }

    public PostMortemGenerator(SlaPolicy slaPolicy, RollbackDurations rollbackDurations, PostMortemAgenda agenda) {
        this.slaPolicy = slaPolicy;
        this.rollbackDurations = rollbackDurations;
        this.agenda = agenda;
    }

    /** From the incident's events alone, as if notification-service had reported nothing. */
    public Optional<PostMortem> generate(List<StoredEvent> events) {
        return generate(events, List.of());
    }

    /**
     * @param notifications what notification-service did about the incident, in any order: they are read in
     *                      {@link StoredNotification#ORDER} (time, then event id), so the same events give the same
     *                      document
     */
    public Optional<PostMortem> generate(List<StoredEvent> events, List<StoredNotification> notifications) {
        Optional<IncidentView> projected = IncidentProjector.project(events);
        if (projected.isEmpty()) {
            return Optional.empty();
        }
        IncidentView view = projected.get();
        Instant lastEvent = events.get(events.size() - 1).occurredAt();
        IncidentSla sla = SlaEngine.evaluate(events.stream().map(StoredEvent::event).toList(), slaPolicy, lastEvent);
        boolean resolved = view.resolvedAt() != null;
        Instant rollbacksJudgedAt = resolved ? view.resolvedAt() : lastEvent;
        Communications sent = Communications.of(events, notifications);
        return Optional.of(new PostMortem(
                view.incidentId(),
                view.title(),
                resolved,
                resolved ? view.resolutionSummary() : "Not resolved yet.",
                // The impact lasted from detection, as the TTR runs (SPEC 4).
                new PostMortem.Impact(view.services(), view.severityAtDeclaration(), view.highestSeverity(),
                        view.severityHistory(), view.declaredAt(), sla.detectedAt(), view.detectedAtAsGiven(),
                        view.resolvedAt(), resolved ? Duration.between(sla.detectedAt(), view.resolvedAt()).getSeconds() : null),
                Timeline.of(events, notifications, rollbackDurations),
                new PostMortem.Metrics(
                        metric(sla.tta(), sla.acknowledge(), sla.detectedAt()),
                        new PostMortem.Metric(seconds(sla.ttm()), null, null),
                        metric(sla.ttr(), sla.resolve(), sla.detectedAt())),
                view.rollbacks().stream().map(rollback -> rollback(rollback, rollbacksJudgedAt, view.checklists().rollbacks()
                        .stream().filter(c -> c.rollbackId().equals(rollback.rollbackId())).findFirst().orElse(null))).toList(),
                events.stream().filter(e -> e.event() instanceof IncidentEscalated).map(e -> {
                    IncidentEscalated escalated = (IncidentEscalated) e.event();
                    return new PostMortem.Escalation(escalated.level(), EscalationPolicy.levelName(escalated.level()),
                            escalated.reason(), escalated.note(), escalated.escalatedAt(), e.actor());
                }).toList(),
                events.stream().filter(e -> e.event() instanceof IncidentStatusUpdated).map(e -> {
                    IncidentStatusUpdated update = (IncidentStatusUpdated) e.event();
                    return new PostMortem.Communication(update.phase(), update.message(), update.updatedAt(), e.actor(),
                            update.publicTitle(), update.components());
                }).toList(),
                view.rootCause(),
                view.actionItems().stream()
                        .map(item -> new PostMortem.ActionItem(item.text(), item.owner(), item.dueDate(), item.addedAt(),
                                item.actionItemId(), item.status(), item.overdue()))
                        .toList(),
                sectionText(view, PostMortemSection.WENT_WELL),
                sectionText(view, PostMortemSection.TO_IMPROVE),
                view.recommendation(),
                view.notes().stream().map(note -> new PostMortem.Finding(note.text(), note.author(), note.addedAt())).toList(),
                view.mitigations().stream().map(m -> new PostMortem.Mitigation(m.kind(), m.description(), m.appliedBy(),
                        m.appliedAt())).toList(),
                events.stream().filter(e -> e.event() instanceof DecisionOverdue).map(e -> {
                    DecisionOverdue overdue = (DecisionOverdue) e.event();
                    return new PostMortem.DecisionReminder(overdue.recommendation(), overdue.decideBy());
                }).toList(),
                view.drill(),
                view.type() == null ? null : new PostMortem.IncidentType(view.type(), view.runbookTitle(), view.typeSuggested()),
                view.checklists().runbook(),
                Arrays.stream(PostMortemSection.values()).map(section -> teamSection(view, section)).toList(),
                sectionText(view, PostMortemSection.LESSONS),
                schedule(view.postMortem()),
                agenda,
                view.phases(),
                view.communication(),
                sent.levelsTold(),
                new PostMortem.CommunicationsSent(sent.statusPosts(), sent.messagesDelivered(), sent.notDelivered())));
    }

    private static String sectionText(IncidentView view, PostMortemSection section) {
        return view.postMortem().section(section).map(IncidentView.TeamSection::text).orElse("");
    }

    private static PostMortem.TeamSection teamSection(IncidentView view, PostMortemSection section) {
        return view.postMortem().section(section)
                .map(written -> new PostMortem.TeamSection(section, Timeline.sectionTitle(section), true, written.text(),
                        written.author(), written.writtenAt()))
                .orElse(new PostMortem.TeamSection(section, Timeline.sectionTitle(section), false, "", null, null));
    }

    private static PostMortem.Schedule schedule(IncidentView.PostMortemFollowUp followUp) {
        return new PostMortem.Schedule(followUp.dueAt(), followUp.owner(), followUp.scheduled(), followUp.completed(),
                followUp.completedBy(), followUp.completedAt(), followUp.overdue());
    }

    /** The target is what the deadline allowed from where the clock started, detection, as the time taken is counted. */
    private static PostMortem.Metric metric(Duration took, Clock clock, Instant detectedAt) {
        return new PostMortem.Metric(seconds(took), Duration.between(detectedAt, clock.deadline()).getSeconds(), clock.verdict());
    }

    /**
     * A rollback against its procedure's range: one that ended by what it took, one still running
     * by how long it had run at {@code judgedAt}; either is overrun past the upper bound, and so is
     * one incident-service recorded as overrun.
     */
    private PostMortem.RollbackReport rollback(IncidentView.Rollback rollback, Instant judgedAt,
                                               IncidentView.RollbackChecklist checklist) {
        RollbackDurations.Range expected = rollbackDurations.expectedFor(rollback.procedure());
        Duration took = rollback.endedAt() == null ? null : Duration.between(rollback.startedAt(), rollback.endedAt());
        Duration stillRunning = rollback.endedAt() == null ? Duration.between(rollback.startedAt(), judgedAt) : null;
        boolean overrun = rollback.overranAt() != null
                || rollbackDurations.isOverrun(rollback.procedure(), took != null ? took : stillRunning);
        return new PostMortem.RollbackReport(rollback.rollbackId(), rollback.procedure(),
                Timeline.procedureName(rollback.procedure()), rollback.services(), rollback.targetVersion(), rollback.reason(),
                rollback.status(), rollback.startedAt(), rollback.endedAt(), seconds(took), expected.min().getSeconds(),
                expected.max().getSeconds(), overrun, rollback.failureReason(), seconds(stillRunning), rollback.overranAt(),
                checklist != null && checklist.verified(), checklist == null ? List.of() : checklist.missing(), checklist);
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.getSeconds();
    }
}
