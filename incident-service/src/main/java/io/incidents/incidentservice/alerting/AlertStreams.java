package io.incidents.incidentservice.alerting;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The open incident of each alert stream (integration + dedup key), at most one per stream. */
@Repository
class AlertStreams {

    private final JdbcTemplate jdbc;

    AlertStreams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the stream for a new incident; false when it already has an open one. A concurrent
     * claim of the same stream waits for this transaction and then finds the stream taken.
     */
    boolean open(String integration, String dedupKey, String incidentId, Instant now) {
        return jdbc.update("INSERT INTO alert_incident (integration, dedup_key, incident_id, opened_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (integration, dedup_key) WHERE closed_at IS NULL DO NOTHING",
                integration, dedupKey, incidentId, Timestamp.from(now)) > 0;
    }

    Optional<String> openIncident(String integration, String dedupKey) {
        return jdbc.queryForList("SELECT incident_id FROM alert_incident WHERE integration = ? AND dedup_key = ?"
                + " AND closed_at IS NULL", String.class, integration, dedupKey).stream().findFirst();
    }

    void close(String incidentId, Instant now) {
        jdbc.update("UPDATE alert_incident SET closed_at = ? WHERE incident_id = ? AND closed_at IS NULL",
                Timestamp.from(now), incidentId);
    }
}
