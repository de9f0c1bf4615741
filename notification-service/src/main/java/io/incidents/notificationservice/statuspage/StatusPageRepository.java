package io.incidents.notificationservice.statuspage;

import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.incident.IncidentStateJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the status page shows from {@code incident_state} and {@code status_entry}, which the
 * incident projection fills. Read-only: the page never writes. Which incidents are published and the
 * 90-day window are applied again by {@link StatusPage} and {@link StatusFeed}; the SQL only keeps the reads small.
 */
@Repository
class StatusPageRepository {

    private final JdbcTemplate jdbc;

    StatusPageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open incidents and those resolved at or after {@code resolvedSince}, without their updates. */
    List<PublicIncident> incidents(Instant resolvedSince) {
        return jdbc.query("SELECT s.state FROM incident_state s WHERE s.resolved_at IS NULL OR s.resolved_at >= ?",
                (rs, row) -> PublicIncident.from(IncidentStateJson.read(rs.getString("state"))),
                utc(resolvedSince));
    }

    /** The posts of the incidents {@link #incidents(Instant)} returns. */
    List<PublicUpdate> updates(Instant resolvedSince) {
        return jdbc.query("""
                        SELECT e.id, e.incident_id, e.phase, e.message, e.posted_at
                        FROM status_entry e JOIN incident_state s ON s.incident_id = e.incident_id
                        WHERE s.resolved_at IS NULL OR s.resolved_at >= ?""",
                (rs, row) -> new PublicUpdate(rs.getLong("id"), rs.getString("incident_id"),
                        Phase.valueOf(rs.getString("phase")), rs.getString("message"), instant(rs, "posted_at")),
                utc(resolvedSince));
    }

    /** Posts made at or after {@code postedSince}, with their incident's title and current severity. */
    List<FeedEntry> feedEntries(Instant postedSince) {
        // An incident's state is parsed once however many posts it has.
        Map<String, IncidentState> states = new HashMap<>();
        return jdbc.query("""
                        SELECT e.id, e.incident_id, e.phase, e.message, e.posted_at, s.state
                        FROM status_entry e JOIN incident_state s ON s.incident_id = e.incident_id
                        WHERE e.posted_at >= ?
                        ORDER BY e.posted_at DESC, e.id DESC""",
                (rs, row) -> {
                    String incidentId = rs.getString("incident_id");
                    String json = rs.getString("state");
                    IncidentState state = states.computeIfAbsent(incidentId, id -> IncidentStateJson.read(json));
                    return new FeedEntry(rs.getLong("id"), incidentId, state.severity(), PublicIncident.from(state).title(),
                            Phase.valueOf(rs.getString("phase")), rs.getString("message"), instant(rs, "posted_at"));
                },
                utc(postedSince));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
