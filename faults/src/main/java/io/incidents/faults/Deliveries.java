package io.incidents.faults;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * notification-service's delivery log: every message it has to send. Each message that leaves the
 * service has a key the receivers see too ({@link #receiptKey()}), built from the ids SPEC 6 makes
 * every message carry.
 */
record Deliveries(List<Delivery> all) {

    record Delivery(long id, String channel, String recipient, String eventId, String status) {

        /** What {@link Sinks} records for this message; null for the status page, which sends nothing out. */
        String receiptKey() {
            return switch (channel) {
                case "EMAIL" -> Sinks.mailKey(id);
                case "WEBHOOK" -> Sinks.webhookKey(id);
                case "CHAT" -> Sinks.chatKey(URI.create(recipient).getPath(), eventId);
                default -> null;
            };
        }

        boolean sent() {
            return "SENT".equals(status);
        }
    }

    private static final String COLUMNS = "SELECT id, channel, recipient, event_id, status FROM delivery";

    static Deliveries read(Databases databases) throws SQLException {
        try (Connection connection = databases.open(Databases.NOTIFICATIONS); Statement statement = connection.createStatement()) {
            return of(statement.executeQuery(COLUMNS));
        }
    }

    /** The messages about one incident. */
    static Deliveries ofIncident(Databases databases, String incidentId) throws SQLException {
        try (Connection connection = databases.open(Databases.NOTIFICATIONS);
             PreparedStatement statement = connection.prepareStatement(COLUMNS + " WHERE incident_id = ?")) {
            statement.setString(1, incidentId);
            return of(statement.executeQuery());
        }
    }

    private static Deliveries of(ResultSet rows) throws SQLException {
        List<Delivery> all = new ArrayList<>();
        while (rows.next()) {
            all.add(new Delivery(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)));
        }
        return new Deliveries(all);
    }

    long unsent() {
        return all.stream().filter(delivery -> !delivery.sent()).count();
    }
}
