package io.incidents.timelineservice.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells every timeline-service instance that an incident changed, through PostgreSQL's
 * {@code NOTIFY}: sent inside the transaction that applied the event, so it is delivered only if
 * that transaction commits, and to listeners on every instance (the live board of a viewer
 * reaches them whichever instance consumed the event).
 */
public final class IncidentChanges {

    public static final String CHANNEL = "incident_changes";
    /** Sent instead of an incident id when every read model changed at once (a replay swapped them in). */
    public static final String EVERYTHING = "*";

    private IncidentChanges() {
    }

    public static void announce(JdbcTemplate jdbc, String incidentId) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, incidentId);
    }
}
