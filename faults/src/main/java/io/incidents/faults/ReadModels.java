package io.incidents.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** The events a read side has applied: timeline-service's and notification-service's {@code incident_event}. */
final class ReadModels {

    private ReadModels() {
    }

    static String identity(String incidentId, long sequence, String eventId) {
        return incidentId + "/" + sequence + "/" + eventId;
    }

    static Set<String> applied(Databases databases, String database) throws SQLException {
        Set<String> identities = new HashSet<>();
        try (Connection connection = databases.open(database); Statement statement = connection.createStatement()) {
            ResultSet rows = statement.executeQuery("SELECT incident_id, sequence, event_id FROM incident_event");
            while (rows.next()) {
                identities.add(identity(rows.getString(1), rows.getLong(2), rows.getString(3)));
            }
        }
        return identities;
    }

    static long deadLetters(Databases databases, String database) throws SQLException {
        try (Connection connection = databases.open(database); Statement statement = connection.createStatement()) {
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM dead_letter");
            rows.next();
            return rows.getLong(1);
        }
    }
}
