package io.incidents.incidentservice.relay;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where the relay's committed token stands in {@code global_index}: every position up to
 * {@code index} has been read, except the {@code gaps}, positions it still waits for (a
 * transaction not committed yet, or rolled back) and publishes if an event appears there.
 */
record RelayPosition(long index, SortedSet<Long> gaps) {

    RelayPosition {
        gaps = Collections.unmodifiableSortedSet(new TreeSet<>(gaps));
    }

    static RelayPosition of(long index, Collection<Long> gaps) {
        return new RelayPosition(index, new TreeSet<>(gaps));
    }

    /**
     * The highest position up to which the relay is done: it has published the event at every
     * position there, or passed for good one it could not see. Below its first gap.
     */
    long doneThrough() {
        return gaps.isEmpty() ? index : Math.min(index, gaps.first() - 1);
    }

    /** Whether the relay has passed this position for good: its event was published, or skipped. */
    boolean passed(long position) {
        return position <= index && !gaps.contains(position);
    }
}
