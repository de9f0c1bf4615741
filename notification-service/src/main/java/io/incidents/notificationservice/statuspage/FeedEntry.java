package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;

import java.time.Instant;

/** One public post with what the feed needs of its incident: its public title and its severity. */
record FeedEntry(long id, String incidentId, Severity severity, String incidentTitle, Phase phase, String message,
                 Instant postedAt) {

    FeedEntry {
        incidentTitle = incidentTitle == null ? "" : incidentTitle;
    }
}
