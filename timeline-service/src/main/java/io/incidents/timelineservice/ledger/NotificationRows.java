package io.incidents.timelineservice.ledger;

import io.incidents.events.EventJson;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.timelineservice.notification.StoredNotification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The copies of notification events in one generation's table ({@link LedgerTables#notifications()}), each once. */
final class NotificationRows {

    private static final Map<String, Class<? extends NotificationEvent>> BY_NAME = NotificationEventTypes.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final JdbcTemplate jdbc;
    private final String table;

    NotificationRows(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Inserts the events not stored yet (by event id) with one statement; returns the ids it inserted. */
    Set<String> insertNew(List<StoredNotification> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] incidents = new String[n];
        String[] types = new String[n];
        Timestamp[] occurred = new Timestamp[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            StoredNotification event = events.get(i);
            ids[i] = event.eventId();
            incidents[i] = event.incidentId();
            types[i] = event.type();
            occurred[i] = Timestamp.from(event.occurredAt());
            payloads[i] = EventJson.write(event.event());
        }
        // WITH ORDINALITY keeps the batch's order: of two copies in one batch, the first is the one inserted.
        String sql = "INSERT INTO " + table + " (event_id, incident_id, event_type, occurred_at, payload)"
                + " SELECT event_id, incident_id, event_type, occurred_at, payload"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])"
                + " WITH ORDINALITY AS batch(event_id, incident_id, event_type, occurred_at, payload, position)"
                + " ORDER BY position ON CONFLICT DO NOTHING RETURNING event_id";
        return new HashSet<>(jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setArray(1, connection.createArrayOf("text", ids));
                insert.setArray(2, connection.createArrayOf("text", incidents));
                insert.setArray(3, connection.createArrayOf("text", types));
                insert.setArray(4, connection.createArrayOf("timestamptz", occurred));
                insert.setArray(5, connection.createArrayOf("text", payloads));
                List<String> inserted = new ArrayList<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getString(1));
                    }
                }
                return inserted;
            }
        }));
    }

    /** Every stored notification event of one incident, by time then event id. */
    List<StoredNotification> of(String incidentId) {
        // Sorted again in Java: the column keeps microseconds, the payload's time nanoseconds.
        return StoredNotification.inOrder(jdbc.query("SELECT event_id, event_type, payload FROM " + table
                + " WHERE incident_id = ? ORDER BY occurred_at, event_id", ROW, incidentId));
    }

    private static final RowMapper<StoredNotification> ROW = (row, i) -> {
        String type = row.getString("event_type");
        Class<? extends NotificationEvent> eventClass = BY_NAME.get(type);
        if (eventClass == null) {
            throw new IllegalStateException("stored notification event of unknown type " + type);
        }
        return StoredNotification.of(row.getString("event_id"), EventJson.read(row.getString("payload"), eventClass));
    };
}
