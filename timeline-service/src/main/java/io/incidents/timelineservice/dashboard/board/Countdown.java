package io.incidents.timelineservice.dashboard.board;

import io.incidents.timelineservice.dashboard.Times;
import io.incidents.timelineservice.sla.Clock;

import java.time.Duration;
import java.time.Instant;

/**
 * One SLA clock as the board draws it: a bar of the time left, green, amber once under a quarter
 * of the allowed time is left, red once the deadline has passed. The page's script recomputes the
 * same from the data attributes every second; this is what it shows before (or without) the script.
 */
public record Countdown(Instant start, Instant deadline, Instant stoppedAt, State state, double fractionLeft, String text) {

    public enum State { OK, AMBER, BREACHED, MET, MISSED }

    /** Under this share of the allowed time left, a running clock turns amber. */
    static final double AMBER_BELOW = 0.25;

    /**
     * @param start where the clock started: detection (SPEC 4), so the bar's share of the allowed
     *              time and "stopped after" are what the TTA and TTR say
     */
    public static Countdown of(Clock clock, Instant start, Instant now) {
        Instant deadline = clock.deadline();
        double allowed = Math.max(1, Duration.between(start, deadline).toMillis());
        if (!clock.running()) {
            boolean met = !clock.stoppedAt().isAfter(deadline);
            String text = (met ? "met, " : "missed by " + Times.duration(Duration.between(deadline, clock.stoppedAt())) + ", ")
                    + "stopped after " + Times.duration(Duration.between(start, clock.stoppedAt()));
            return new Countdown(start, deadline, clock.stoppedAt(), met ? State.MET : State.MISSED, 0, text);
        }
        Duration left = Duration.between(now, deadline);
        if (left.isNegative()) {
            return new Countdown(start, deadline, null, State.BREACHED, 0, "breached " + Times.duration(left) + " ago");
        }
        double fraction = Math.min(1, left.toMillis() / allowed);
        return new Countdown(start, deadline, null, fraction < AMBER_BELOW ? State.AMBER : State.OK, fraction,
                Times.duration(left) + " left");
    }

    public boolean running() {
        return stoppedAt == null;
    }

    /** A running clock that is breached or in its last quarter: what the "breaching" card counts. */
    public boolean breaching() {
        return state == State.AMBER || state == State.BREACHED;
    }

    public int percentLeft() {
        return (int) Math.round(fractionLeft * 100);
    }

    public String cssClass() {
        return switch (state) {
            case OK, MET -> "ok";
            case AMBER -> "amber";
            case BREACHED, MISSED -> "late";
        };
    }
}
