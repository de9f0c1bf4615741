package io.incidents.timelineservice.incident;

import io.incidents.timelineservice.sla.Clock;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.Verdict;

import java.time.Duration;
import java.time.Instant;

/**
 * An incident's SLA clocks as of now: a stopped clock keeps its verdict; a running one is
 * RUNNING with the time left, or BREACHED once its deadline has passed.
 */
public record LiveSla(ClockState acknowledge, ClockState resolve) {

    public record ClockState(Instant deadline, Instant stoppedAt, Verdict verdict, Long secondsLeft) {

        static ClockState of(Clock clock, Instant now) {
            if (clock.stoppedAt() != null) {
                return new ClockState(clock.deadline(), clock.stoppedAt(), clock.verdict(), null);
            }
            Verdict verdict = now.isAfter(clock.deadline()) ? Verdict.BREACHED : Verdict.RUNNING;
            return new ClockState(clock.deadline(), null, verdict, Duration.between(now, clock.deadline()).getSeconds());
        }
    }

    public static LiveSla of(IncidentSla sla, Instant now) {
        return new LiveSla(ClockState.of(sla.acknowledge(), now), ClockState.of(sla.resolve(), now));
    }
}
