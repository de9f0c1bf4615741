package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;

import java.time.Instant;

/** One public post with what the feed needs of its incident: the title to show and the severity to filter on. */
record FeedEntry(long id, String incidentId, Severity severity, String incidentTitle, Phase phase, String message,
                 Instant postedAt) {

    FeedEntry {
        incidentTitle = incidentTitle == null ? "" : incidentTitle;
    }
}
