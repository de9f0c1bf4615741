package io.incidents.timelineservice.replay;

import java.time.Instant;

/**
 * Where the last (or current) replay stands.
 *
 * @param eventsSkipped records skipped: unreadable, or failing on their own account (those are in the dead letters)
 */
public record ReplayStatus(State state, long eventsDone, long eventsSkipped, long eventsTotal, double eventsPerSecond,
                           Long secondsLeft, Instant startedAt, Instant finishedAt, String error) {

    public enum State { IDLE, RUNNING, COMPLETED, FAILED }

    static ReplayStatus idle() {
        return new ReplayStatus(State.IDLE, 0, 0, 0, 0, null, null, null, null);
    }
}
