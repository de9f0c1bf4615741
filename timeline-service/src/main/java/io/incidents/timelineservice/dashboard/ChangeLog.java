package io.incidents.timelineservice.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The batches of changes this instance has sent to open pages, numbered, with the last few kept:
 * a page that says which batch it saw last (the board's {@code since}, or a browser's
 * {@code Last-Event-ID} on reconnecting) is sent only what it missed. Numbers start afresh with
 * each instance (its epoch is in every token), so a token from another instance or from before a
 * restart means "fetch everything". Not thread-safe: {@link LiveUpdates} holds its lock.
 */
final class ChangeLog {

    /** About a minute of busy batches: a browser's reconnect after a blip lands well within it. */
    static final int KEPT = 120;

    private record Entry(long number, Set<String> ids) {
    }

    private final String epoch;
    private final Deque<Entry> kept = new ArrayDeque<>();
    private long number;

    ChangeLog(String epoch) {
        this.epoch = epoch;
    }

    /** The token of the latest batch: what a page rendered now has seen. */
    String current() {
        return epoch + "-" + number;
    }

    Changes record(Set<String> ids) {
        return keep(Set.copyOf(ids));
    }

    Changes recordEverything() {
        return keep(null);
    }

    private Changes keep(Set<String> ids) {
        number++;
        kept.addLast(new Entry(number, ids));
        if (kept.size() > KEPT) {
            kept.removeFirst();
        }
        return new Changes(current(), ids == null ? Set.of() : ids, ids == null);
    }

    /**
     * What a page that saw the batch {@code since} has missed: the incidents changed since, or
     * empty when it must fetch everything (a token of another instance, too old, or unreadable).
     * A page that gives no token is taken to be current.
     */
    Optional<Set<String>> missedSince(String since) {
        if (since == null || since.isBlank()) {
            return Optional.of(Set.of());
        }
        long seen = seenNumber(since.trim());
        if (seen < 0 || seen > number) {
            return Optional.empty();
        }
        if (seen < number && (kept.isEmpty() || kept.peekFirst().number() > seen + 1)) {
            return Optional.empty();
        }
        Set<String> missed = new LinkedHashSet<>();
        for (Entry entry : kept) {
            if (entry.number() > seen) {
                if (entry.ids() == null) {
                    return Optional.empty();
                }
                missed.addAll(entry.ids());
            }
        }
        return Optional.of(missed);
    }

    private long seenNumber(String token) {
        int dash = token.lastIndexOf('-');
        if (dash <= 0 || !token.substring(0, dash).equals(epoch)) {
            return -1;
        }
        try {
            return Long.parseLong(token.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
