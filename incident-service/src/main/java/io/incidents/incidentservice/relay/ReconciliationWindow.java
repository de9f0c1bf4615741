package io.incidents.incidentservice.relay;

import java.util.Optional;

/**
 * A range of event-store positions ({@code global_index}) the reconciler compares with the
 * relay's records in one step: those after {@code after}, up to and including {@code through}.
 *
 * @param after   the last position compared before
 * @param through the last position of this step
 */
record ReconciliationWindow(long after, long through) {

    /**
     * The next step after {@code checkedThrough}, or none when there is nothing new to compare.
     * It ends at the lowest of: the settled position (no transaction that could still store an
     * event at or below it is open), the relay's done position (it has published or passed
     * everything up to there, and waits for no gap below it), and {@code maxSize} positions on,
     * so one statement never reads more than that, however far behind the reconciler is.
     */
    static Optional<ReconciliationWindow> next(long checkedThrough, long settledThrough, long relayDoneThrough, int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("a window holds at least one position, not " + maxSize);
        }
        long safeThrough = Math.min(settledThrough, relayDoneThrough);
        if (safeThrough <= checkedThrough) {
            return Optional.empty();
        }
        long through = checkedThrough > Long.MAX_VALUE - maxSize ? safeThrough : Math.min(safeThrough, checkedThrough + maxSize);
        return Optional.of(new ReconciliationWindow(checkedThrough, through));
    }
}
