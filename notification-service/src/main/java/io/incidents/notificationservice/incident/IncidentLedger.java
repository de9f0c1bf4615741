package io.incidents.notificationservice.incident;

import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.incidents.support.events.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** The events this service has handled (once each) and the incident state derived from them. */
@Repository
public class IncidentLedger {

    /** The incident before and after a newly stored event; {@code before} is empty for its declaration. */
    public record Change(Optional<IncidentState> before, IncidentState after) {
    }

    private final JdbcTemplate jdbc;

    IncidentLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the event unless it was stored before (same event id, or same incident and
     * sequence) and refreshes the incident's state. Empty when there is nothing new to tell:
     * a duplicate, or an event whose incident's declaration has not arrived.
     */
    public Optional<Change> record(StoredEvent event) {
        int inserted = jdbc.update("INSERT INTO incident_event (event_id, incident_id, sequence, event_type, occurred_at, actor,"
                        + " payload) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.eventId(), event.incidentId(), event.sequence(), event.type(), Timestamp.from(event.occurredAt()),
                event.actor(), EventJson.write(event.event()));
        if (inserted == 0) {
            return Optional.empty();
        }
        List<Sequenced> events = eventsOf(event.incidentId());
        Optional<IncidentState> after = IncidentStateProjector.project(events.stream().map(Sequenced::event).toList());
        if (after.isEmpty()) {
            return Optional.empty();
        }
        Optional<IncidentState> before = IncidentStateProjector.project(events.stream()
                .filter(e -> e.sequence() < event.sequence()).map(Sequenced::event).toList());
        IncidentState state = after.get();
        jdbc.update("INSERT INTO incident_state (incident_id, severity, declared_at, resolved_at, state) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id) DO UPDATE SET severity = EXCLUDED.severity,"
                        + " resolved_at = EXCLUDED.resolved_at, state = EXCLUDED.state",
                state.incidentId(), state.severity().name(), Timestamp.from(state.declaredAt()),
                state.resolvedAt() == null ? null : Timestamp.from(state.resolvedAt()), IncidentStateJson.write(state));
        return Optional.of(new Change(before, state));
    }

    private record Sequenced(long sequence, IncidentEvent event) {
    }

    private List<Sequenced> eventsOf(String incidentId) {
        return jdbc.query("SELECT sequence, event_type, payload FROM incident_event WHERE incident_id = ? ORDER BY sequence",
                (row, i) -> new Sequenced(row.getLong("sequence"), read(row.getString("event_type"), row.getString("payload"))),
                incidentId);
    }

    private static IncidentEvent read(String type, String payload) {
        Class<? extends IncidentEvent> eventClass = EventTypes.forName(type)
                .orElseThrow(() -> new IllegalStateException("stored event of unknown type " + type));
        return EventJson.read(payload, eventClass);
    }
}
