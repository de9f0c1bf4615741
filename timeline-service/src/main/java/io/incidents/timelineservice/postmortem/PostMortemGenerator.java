package io.incidents.timelineservice.postmortem;

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
 * running are judged as of the incident's last event, so the same events give the same document.
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
                view.rollbacks().stream().map(this::rollback).toList(),
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
                view.recommendation()));
    }

    /** The target is what the deadline allowed from where the clock started, detection, as the time taken is counted. */
    private static PostMortem.Metric metric(Duration took, Clock clock, Instant detectedAt) {
        return new PostMortem.Metric(seconds(took), Duration.between(detectedAt, clock.deadline()).getSeconds(), clock.verdict());
    }

    private PostMortem.RollbackReport rollback(IncidentView.Rollback rollback) {
        RollbackDurations.Range expected = rollbackDurations.expectedFor(rollback.procedure());
        Duration took = rollback.endedAt() == null ? null : Duration.between(rollback.startedAt(), rollback.endedAt());
        return new PostMortem.RollbackReport(rollback.rollbackId(), rollback.procedure(),
                Timeline.procedureName(rollback.procedure()), rollback.services(), rollback.targetVersion(), rollback.reason(),
                rollback.status(), rollback.startedAt(), rollback.endedAt(), seconds(took), expected.min().getSeconds(),
                expected.max().getSeconds(), took != null && rollbackDurations.isOverrun(rollback.procedure(), took),
                rollback.failureReason());
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.getSeconds();
    }
}
