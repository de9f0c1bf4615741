package io.incidents.notificationservice.statuspage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The posts the Atom feed carries: every post (posts are only ever published ones), the last 90 days, newest first. */
record StatusFeed(List<FeedEntry> entries) {

    private static final Comparator<FeedEntry> NEWEST_FIRST = Comparator.comparing(FeedEntry::postedAt)
            .thenComparingLong(FeedEntry::id).reversed();

    StatusFeed {
        entries = List.copyOf(entries);
    }

    static StatusFeed select(List<FeedEntry> entries, Instant now) {
        Instant since = StatusPagePolicy.historySince(now);
        return new StatusFeed(entries.stream()
                .filter(entry -> !entry.postedAt().isBefore(since))
                .sorted(NEWEST_FIRST)
                .toList());
    }
}
