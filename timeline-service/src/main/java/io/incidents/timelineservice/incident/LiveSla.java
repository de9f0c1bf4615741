package io.incidents.timelineservice.incident;

import io.incidents.timelineservice.sla.Clock;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.Verdict;

import java.time.Instant;

/**
 * An incident's SLA clocks as of now: a stopped clock keeps its verdict; a running one is
 * RUNNING with the time left, or BREACHED once its deadline has passed.
 */
public record LiveSla(ClockState acknowledge, ClockState resolve) {

    public record ClockState(Instant deadline, Instant stoppedAt, Verdict verdict, Long secondsLeft) {

        static ClockState of(Clock clock, Instant now) {
            Clock judged = clock.asOf(now);
            return new ClockState(judged.deadline(), judged.stoppedAt(), judged.verdict(),
                    judged.running() ? judged.timeLeft(now).getSeconds() : null);
        }
    }

    public static LiveSla of(IncidentSla sla, Instant now) {
        return new LiveSla(ClockState.of(sla.acknowledge(), now), ClockState.of(sla.resolve(), now));
    }
}
