package io.incidents.timelineservice.incident;

import io.incidents.policy.RollbackDurations;

import java.time.Duration;
import java.time.Instant;

/**
 * A rollback's timing against its procedure's expected range, live: a running one can already be
 * over. The read API, the board and the incident room all show it.
 */
public record RollbackTiming(String rollbackId, long secondsSoFar, long expectedMinSeconds, long expectedMaxSeconds,
                             boolean overrun) {

    public static RollbackTiming of(IncidentView.Rollback rollback, RollbackDurations durations, Instant now) {
        Duration took = Duration.between(rollback.startedAt(), rollback.endedAt() == null ? now : rollback.endedAt());
        RollbackDurations.Range expected = durations.expectedFor(rollback.procedure());
        return new RollbackTiming(rollback.rollbackId(), took.getSeconds(), expected.min().getSeconds(),
                expected.max().getSeconds(), durations.isOverrun(rollback.procedure(), took));
    }
}
