package io.incidents.timelineservice.incident;

import io.incidents.policy.RollbackDurations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A rollback's timing against its procedure's expected range, live: a running one can already be
 * over. The read API, the board and the incident room all show it. A rollback is overrun once it
 * ran past the range's upper bound, or once incident-service recorded that it did
 * (RollbackOverran), whatever this service's clock says.
 */
public record RollbackTiming(String rollbackId, long secondsSoFar, long expectedMinSeconds, long expectedMaxSeconds,
                             boolean overrun) {

    /** @param now the moment a rollback still running is judged at */
    public static RollbackTiming of(IncidentView.Rollback rollback, RollbackDurations durations, Instant now) {
        Duration took = Duration.between(rollback.startedAt(), rollback.endedAt() == null ? now : rollback.endedAt());
        RollbackDurations.Range expected = durations.expectedFor(rollback.procedure());
        return new RollbackTiming(rollback.rollbackId(), took.getSeconds(), expected.min().getSeconds(),
                expected.max().getSeconds(), rollback.overranAt() != null || durations.isOverrun(rollback.procedure(), took));
    }

    /**
     * Every rollback of the incident, judged at {@code now}; a rollback still running when the
     * incident was resolved is judged at the resolution, as the post-mortem judges it: nobody
     * watches it after that, and its time must not grow for ever.
     */
    public static List<RollbackTiming> of(IncidentView incident, RollbackDurations durations, Instant now) {
        Instant judgedAt = incident.resolvedAt() != null && incident.resolvedAt().isBefore(now) ? incident.resolvedAt() : now;
        return incident.rollbacks().stream().map(rollback -> of(rollback, durations, judgedAt)).toList();
    }

    /** Whether any rollback of the incident is overrun, as {@link #of(IncidentView, RollbackDurations, Instant)} judges them. */
    public static boolean anyOverrun(IncidentView incident, RollbackDurations durations, Instant now) {
        return of(incident, durations, now).stream().anyMatch(RollbackTiming::overrun);
    }
}
