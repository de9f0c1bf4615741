package io.incidents.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to the messages of the bench's incidents, read from the stack's databases: which
 * incident an alert opened (incident-service's {@code alert_incident}), when each message went
 * out (notification-service's delivery log, {@code sent_at} recorded once the receiver took it),
 * and how far timeline-service is behind the event store.
 * The status page is left out: posting to it is a row written on the spot, not a message sent.
 */
final class DeliveryLogReader implements AutoCloseable {

    /** One message as notification-service sent it: where to, and what. */
    record Message(String channel, String recipient, String subject, String body) {
    }

    /**
     * How far the messages of some incidents are.
     *
     * @param incidentsWithMessages incidents with at least one message recorded
     * @param messages              their messages
     * @param pending               of which not sent yet
     * @param lastSent              when the last one went out, null before any did
     */
    record Progress(int incidentsWithMessages, int messages, int pending, Instant lastSent) {
    }

    private static final String NOT_STATUS_PAGE = " AND channel <> 'STATUS_PAGE'";

    private final String postgres;
    /** One connection per database, opened at first use and kept: the workload polls every 100 ms while it measures. */
    private final Map<String, Connection> connections = new HashMap<>();

    /** @param postgres host:port of the stack's PostgreSQL (user postgres, no password, as {@code ./stack} runs it) */
    DeliveryLogReader(String postgres) {
        this.postgres = postgres;
    }

    /** Each alert's dedup key (starting with {@code prefix}) with the incident it opened. */
    Map<String, String> incidentsByDedupKey(String prefix) {
        Map<String, String> incidents = new HashMap<>();
        query("incident_service", "SELECT dedup_key, incident_id FROM alert_incident WHERE dedup_key LIKE ?",
                statement -> statement.setString(1, prefix + "%"), row -> incidents.put(row.getString(1), row.getString(2)));
        return incidents;
    }

    Progress progress(List<String> incidentIds) {
        return query("notification_service", "SELECT count(DISTINCT incident_id), count(*),"
                        + " count(*) FILTER (WHERE status <> 'SENT'), max(sent_at) FROM delivery"
                        + " WHERE incident_id = ANY (?)" + NOT_STATUS_PAGE,
                statement -> statement.setArray(1, textArray(statement.getConnection(), incidentIds)),
                row -> new Progress(row.getInt(1), row.getInt(2), row.getInt(3),
                        row.getTimestamp(4) == null ? null : row.getTimestamp(4).toInstant())).get(0);
    }

    List<Message> messages(List<String> incidentIds) {
        return query("notification_service", "SELECT channel, recipient, subject, body FROM delivery"
                        + " WHERE incident_id = ANY (?)" + NOT_STATUS_PAGE + " ORDER BY id",
                statement -> statement.setArray(1, textArray(statement.getConnection(), incidentIds)),
                row -> new Message(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
    }

    /** When each incident's first message went out (incidents without a sent one are left out). */
    Map<String, Instant> firstSent(List<String> incidentIds) {
        Map<String, Instant> first = new HashMap<>();
        query("notification_service", "SELECT incident_id, min(sent_at) FROM delivery WHERE incident_id = ANY (?)"
                        + NOT_STATUS_PAGE + " AND sent_at IS NOT NULL GROUP BY incident_id",
                statement -> statement.setArray(1, textArray(statement.getConnection(), incidentIds)),
                row -> first.put(row.getString(1), row.getTimestamp(2).toInstant()));
        return first;
    }

    /**
     * Messages of any incident being sent or due now: a round starts only once the previous one's
     * are out. Messages waiting for a retry (a receiver that fails) do not count, or one broken
     * webhook of a running stack would hold the bench up for good.
     */
    int sendingOrDue() {
        return query("notification_service", "SELECT count(*) FROM delivery WHERE status = 'PENDING'"
                        + " AND (claim_id IS NOT NULL OR next_attempt_at <= now())" + NOT_STATUS_PAGE,
                statement -> { }, row -> row.getInt(1)).get(0);
    }

    /**
     * Events incident-service has stored that timeline-service has not applied yet: the relay's
     * and the consumer's backlog together (every event of the store goes to {@code incident-events}).
     */
    long eventsNotYetInTimeline() {
        long stored = query("incident_service", "SELECT count(*) FROM domain_event_entry", statement -> { },
                row -> row.getLong(1)).get(0);
        long applied = query("timeline_service", "SELECT count(*) FROM incident_event", statement -> { },
                row -> row.getLong(1)).get(0);
        return stored - applied;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String database, String sql, Binder binder, RowReader<T> reader) {
        try (PreparedStatement statement = connection(database).prepareStatement(sql)) {
            binder.bind(statement);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new BenchFailure("could not read " + database + " on " + postgres + ": " + e.getMessage(), e);
        }
    }

    private Connection connection(String database) throws SQLException {
        Connection connection = connections.get(database);
        if (connection == null) {
            connection = DriverManager.getConnection(StackPostgres.url(postgres, database));
            connections.put(database, connection);
        }
        return connection;
    }

    @Override
    public void close() {
        connections.values().forEach(connection -> {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // only read from: nothing to lose
            }
        });
        connections.clear();
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
