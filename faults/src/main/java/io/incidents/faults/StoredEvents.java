package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event store as it stands, read straight from incident-service's database: every event's
 * identity ({@code incident/sequence/event id}) and, per event type, how many events carry a
 * given marker value (the field the workload writes its marker into).
 */
final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The field of each event type that carries an operation's marker. */
    private static final Map<String, String> MARKER_FIELD = Map.of(
            "IncidentDeclared", "title",
            "IncidentStatusUpdated", "message",
            "IncidentAcknowledged", "incidentId",
            "RollbackStarted", "reason",
            "RollbackCompleted", "rollbackId",
            "IncidentResolved", "summary",
            "IncidentReopened", "reason");

    private final Set<String> identities = new HashSet<>();
    private final Map<String, Integer> byMarker = new HashMap<>();
    private final Map<String, List<Escalation>> escalations = new HashMap<>();

    /** A timer's escalation of an incident. */
    record Escalation(int level, Instant at) {
    }

    static StoredEvents read(Databases databases) throws SQLException {
        StoredEvents store = new StoredEvents();
        try (Connection connection = databases.open(Databases.INCIDENTS)) {
            connection.setAutoCommit(false); // a cursor, not the whole store in memory at once
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(5_000);
                ResultSet rows = statement.executeQuery("SELECT aggregate_identifier, sequence_number, event_identifier,"
                        + " payload_type, convert_from(payload, 'UTF8') FROM domain_event_entry ORDER BY global_index");
                while (rows.next()) {
                    store.add(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4), rows.getString(5));
                }
            }
            connection.rollback();
        }
        return store;
    }

    /** Takes in one stored event: {@code payloadType} is the event's class name, {@code payload} its JSON. */
    void add(String incident, long sequence, String eventId, String payloadType, String payload) {
        identities.add(ReadModels.identity(incident, sequence, eventId));
        String type = simpleName(payloadType);
        JsonNode fields = parse(payload);
        String field = MARKER_FIELD.get(type);
        if (field != null) {
            byMarker.merge(key(type, fields.path(field).asText()), 1, Integer::sum);
        }
        if (type.equals("IncidentEscalated") && "ACK_OVERDUE".equals(fields.path("reason").asText())) {
            escalations.computeIfAbsent(incident, i -> new ArrayList<>())
                    .add(new Escalation(fields.path("level").asInt(), Instant.parse(fields.path("escalatedAt").asText())));
        }
    }

    /** How many events of the operation's kind carry its marker. */
    int count(Kind kind, String marker) {
        return byMarker.getOrDefault(key(kind.eventType(), marker), 0);
    }

    /** {@code incident/sequence/event id} of every stored event. */
    Set<String> identities() {
        return identities;
    }

    List<Escalation> timerEscalations(String incidentId) {
        return escalations.getOrDefault(incidentId, List.of());
    }

    private static String key(String type, String marker) {
        return type + '\u0000' + marker;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("an event in the store is not JSON: " + payload, e);
        }
    }
}
