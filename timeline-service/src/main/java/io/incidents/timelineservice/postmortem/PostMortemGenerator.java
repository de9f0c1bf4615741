package io.incidents.timelineservice.postmortem;

import io.incidents.events.DecisionOverdue;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.incident.IncidentProjector;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.sla.Clock;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import io.incidents.timelineservice.timeline.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Generates a post-mortem from an incident's events alone. No clock is read: clocks still
 * running are judged as of the incident's last event, and a rollback still running as of the
 * resolution (the last event while open), so the same events give the same document.
 */
public final class PostMortemGenerator {

    private final SlaPolicy slaPolicy;
    private final RollbackDurations rollbackDurations;

    public PostMortemGenerator(SlaPolicy slaPolicy, RollbackDurations rollbackDurations) {
        this.slaPolicy = slaPolicy;
        this.rollbackDurations = rollbackDurations;
    }

    public Optional<PostMortem> generate(List<StoredEvent> events) {
        Optional<IncidentView> projected = IncidentProjector.project(events);
        if (projected.isEmpty()) {
            return Optional.empty();
        }
        IncidentView view = projected.get();
        Instant lastEvent = events.get(events.size() - 1).occurredAt();
        IncidentSla sla = SlaEngine.evaluate(events.stream().map(StoredEvent::event).toList(), slaPolicy, lastEvent);
        boolean resolved = view.resolvedAt() != null;
        Instant rollbacksJudgedAt = resolved ? view.resolvedAt() : lastEvent;
        return Optional.of(new PostMortem(
                view.incidentId(),
                view.title(),
                resolved,
                resolved ? view.resolutionSummary() : "Not resolved yet.",
                // The impact lasted from detection, as the TTR runs (SPEC 4).
                new PostMortem.Impact(view.services(), view.severityAtDeclaration(), view.highestSeverity(),
                        view.severityHistory(), view.declaredAt(), sla.detectedAt(), view.detectedAtAsGiven(),
                        view.resolvedAt(), resolved ? Duration.between(sla.detectedAt(), view.resolvedAt()).getSeconds() : null),
                Timeline.of(events, rollbackDurations),
                new PostMortem.Metrics(
                        metric(sla.tta(), sla.acknowledge(), sla.detectedAt()),
                        new PostMortem.Metric(seconds(sla.ttm()), null, null),
                        metric(sla.ttr(), sla.resolve(), sla.detectedAt())),
                view.rollbacks().stream().map(rollback -> rollback(rollback, rollbacksJudgedAt)).toList(),
                events.stream().filter(e -> e.event() instanceof IncidentEscalated).map(e -> {
                    IncidentEscalated escalated = (IncidentEscalated) e.event();
                    return new PostMortem.Escalation(escalated.level(), EscalationPolicy.levelName(escalated.level()),
                            escalated.reason(), escalated.note(), escalated.escalatedAt(), e.actor());
                }).toList(),
                events.stream().filter(e -> e.event() instanceof IncidentStatusUpdated).map(e -> {
                    IncidentStatusUpdated update = (IncidentStatusUpdated) e.event();
                    return new PostMortem.Communication(update.phase(), update.message(), update.updatedAt(), e.actor());
                }).toList(),
                view.rootCause(),
                view.actionItems().stream()
                        .map(item -> new PostMortem.ActionItem(item.text(), item.owner(), item.dueDate(), item.addedAt()))
                        .toList(),
                "",
                "",
                view.recommendation(),
                view.notes().stream().map(note -> new PostMortem.Finding(note.text(), note.author(), note.addedAt())).toList(),
                view.mitigations().stream().map(m -> new PostMortem.Mitigation(m.kind(), m.description(), m.appliedBy(),
                        m.appliedAt())).toList(),
                events.stream().filter(e -> e.event() instanceof DecisionOverdue).map(e -> {
                    DecisionOverdue overdue = (DecisionOverdue) e.event();
                    return new PostMortem.DecisionReminder(overdue.recommendation(), overdue.decideBy());
                }).toList()));
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
    private PostMortem.RollbackReport rollback(IncidentView.Rollback rollback, Instant judgedAt) {
        RollbackDurations.Range expected = rollbackDurations.expectedFor(rollback.procedure());
        Duration took = rollback.endedAt() == null ? null : Duration.between(rollback.startedAt(), rollback.endedAt());
        Duration stillRunning = rollback.endedAt() == null ? Duration.between(rollback.startedAt(), judgedAt) : null;
        boolean overrun = rollback.overranAt() != null
                || rollbackDurations.isOverrun(rollback.procedure(), took != null ? took : stillRunning);
        return new PostMortem.RollbackReport(rollback.rollbackId(), rollback.procedure(),
                Timeline.procedureName(rollback.procedure()), rollback.services(), rollback.targetVersion(), rollback.reason(),
                rollback.status(), rollback.startedAt(), rollback.endedAt(), seconds(took), expected.min().getSeconds(),
                expected.max().getSeconds(), overrun, rollback.failureReason(), seconds(stillRunning), rollback.overranAt());
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.getSeconds();
    }
}
