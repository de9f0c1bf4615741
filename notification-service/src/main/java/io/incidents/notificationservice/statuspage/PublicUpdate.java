package io.incidents.notificationservice.statuspage;

import java.time.Instant;

/** One public post about an incident (a {@code status_entry} row): what the public was told, and when. */
record PublicUpdate(long id, String incidentId, Phase phase, String message, Instant postedAt) {
}
