package io.incidents.timelineservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One SLA clock of an incident (acknowledge or resolve).
 *
 * @param deadline  the earliest deadline of every severity level in force while the clock ran
 * @param stoppedAt when the clock stopped, or {@code null} while it is still running
 * @param verdict   met or breached once judged, otherwise running
 */
public record Clock(Instant deadline, Instant stoppedAt, Verdict verdict) {

    public Clock {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * Judges a clock. A stopped clock is met when it stopped at or before its deadline; a running
     * clock is judged only once its deadline has passed, and is then breached whatever comes later.
     */
    static Clock judge(Instant deadline, Instant stoppedAt, Instant now) {
        if (stoppedAt != null) {
            return new Clock(deadline, stoppedAt, stoppedAt.isAfter(deadline) ? Verdict.BREACHED : Verdict.MET);
        }
        return new Clock(deadline, null, now.isAfter(deadline) ? Verdict.BREACHED : Verdict.RUNNING);
    }

    /** The same clock judged again at {@code now}: a running one becomes BREACHED once its deadline has passed. */
    public Clock asOf(Instant now) {
        return judge(deadline, stoppedAt, now);
    }

    public boolean running() {
        return stoppedAt == null;
    }

    /**
     * Time left before the deadline, negative once past it. A stopped clock no longer ticks: it
     * reports the margin it stopped with, whatever {@code now} is.
     */
    public Duration timeLeft(Instant now) {
        return Duration.between(stoppedAt != null ? stoppedAt : now, deadline);
    }
}
