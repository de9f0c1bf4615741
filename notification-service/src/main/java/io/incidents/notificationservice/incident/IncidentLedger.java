package io.incidents.notificationservice.incident;

import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.incidents.support.events.StoredEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events this service has handled (once each) and the incident state derived from them. Events
 * are told in each incident's sequence order, whatever order they arrive in: one that arrives
 * past a gap is stored and waits until the missing one arrives, or until it has waited
 * {@code hold} ({@link #releaseOverdue}): a lost event must not hold an incident's pages back for
 * good. An event arriving after its place was passed over is stored (it counts for the state) but
 * told to nobody: what followed it was told already.
 */
@Repository
public class IncidentLedger {

    private static final Logger log = LoggerFactory.getLogger(IncidentLedger.class);

    /** One event to tell: the incident just before it and just after it. */
    public record Change(StoredEvent event, Optional<IncidentState> before, IncidentState after) {
    }

    /**
     * @param isNew whether the event was new here (not a redelivery or a replay's copy)
     * @param due   the events now due to be told, in order
     */
    public record Recorded(boolean isNew, List<Change> due) {
    }

    private final JdbcTemplate jdbc;
    private final Counter passedOver;

    IncidentLedger(JdbcTemplate jdbc, MeterRegistry meterRegistry) {
        this.jdbc = jdbc;
        this.passedOver = Counter.builder("notifications.events.gaps_passed")
                .description("Missing events an incident's later events stopped waiting for").register(meterRegistry);
    }

    /**
     * Stores the event unless it was stored before (same event id, or same incident and
     * sequence), and returns the events now due to be told, in order: none for a duplicate or
     * an event waiting behind a gap, several when it fills one.
     */
    public Recorded record(StoredEvent event) {
        int inserted = jdbc.update("INSERT INTO incident_event (event_id, incident_id, sequence, event_type, occurred_at, actor,"
                        + " payload) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.eventId(), event.incidentId(), event.sequence(), event.type(), Timestamp.from(event.occurredAt()),
                event.actor(), EventJson.write(event.event()));
        if (inserted == 0) {
            return new Recorded(false, List.of());
        }
        return new Recorded(true, due(event.incidentId(), false));
    }

    /**
     * Incidents whose next event has waited behind a gap since before {@code since}. Only events
     * that arrived within a day before that are looked at: a gap is passed a minute after it
     * shows, so older ones were dealt with long ago, and the check stays cheap however long the
     * history.
     */
    public List<String> overdue(Instant since) {
        return jdbc.queryForList("SELECT DISTINCT e.incident_id FROM incident_event e"
                + " LEFT JOIN notify_progress p ON p.incident_id = e.incident_id"
                + " WHERE e.received_at < ? AND e.received_at > ? AND e.sequence > COALESCE(p.notified_through, -1) + 1"
                + " AND NOT EXISTS (SELECT 1 FROM incident_event n WHERE n.incident_id = e.incident_id"
                + " AND n.sequence = COALESCE(p.notified_through, -1) + 1)", String.class,
                Timestamp.from(since), Timestamp.from(since.minus(Duration.ofDays(1))));
    }

    /** Stops waiting for the missing events of the incident: what follows them is due now. */
    public List<Change> releaseOverdue(String incidentId) {
        return due(incidentId, true);
    }

    private List<Change> due(String incidentId, boolean passGaps) {
        jdbc.update("INSERT INTO notify_progress (incident_id, notified_through) VALUES (?, -1) ON CONFLICT DO NOTHING",
                incidentId);
        // One teller at a time per incident: the consumer, or the sweeper passing a gap.
        long told = jdbc.queryForObject("SELECT notified_through FROM notify_progress WHERE incident_id = ? FOR UPDATE",
                Long.class, incidentId);
        List<StoredEvent> events = eventsOf(incidentId);
        List<Change> changes = new ArrayList<>();
        List<IncidentEvent> through = new ArrayList<>();
        long next = told + 1;
        for (StoredEvent event : events) {
            if (event.sequence() < next) {
                through.add(event.event());
                continue;
            }
            if (event.sequence() > next && !passGaps) {
                break;
            }
            List<IncidentEvent> withIt = new ArrayList<>(through);
            withIt.add(event.event());
            Optional<IncidentState> after = IncidentStateProjector.project(withIt);
            if (after.isEmpty()) {
                break; // nothing can be told before the incident's declaration has arrived
            }
            if (event.sequence() > next) {
                log.warn("Incident {}: stopped waiting for events {} to {}; telling what follows", incidentId, next,
                        event.sequence() - 1);
                passedOver.increment(event.sequence() - next);
            }
            changes.add(new Change(event, IncidentStateProjector.project(through), after.get()));
            through = withIt;
            next = event.sequence() + 1;
        }
        if (next - 1 > told) {
            jdbc.update("UPDATE notify_progress SET notified_through = ? WHERE incident_id = ?", next - 1, incidentId);
        }
        // Usually every stored event was just told, and the last one told says how the incident stands.
        boolean allTold = !events.isEmpty() && events.get(events.size() - 1).sequence() < next;
        Optional<IncidentState> current = allTold && !changes.isEmpty() ? Optional.of(changes.get(changes.size() - 1).after())
                : IncidentStateProjector.project(events.stream().map(StoredEvent::event).toList());
        current.ifPresent(this::saveState);
        return changes;
    }

    private void saveState(IncidentState state) {
        jdbc.update("INSERT INTO incident_state (incident_id, severity, declared_at, resolved_at, state) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id) DO UPDATE SET severity = EXCLUDED.severity,"
                        + " resolved_at = EXCLUDED.resolved_at, state = EXCLUDED.state",
                state.incidentId(), state.severity().name(), Timestamp.from(state.declaredAt()),
                state.resolvedAt() == null ? null : Timestamp.from(state.resolvedAt()), IncidentStateJson.write(state));
    }

    private List<StoredEvent> eventsOf(String incidentId) {
        return jdbc.query("SELECT * FROM incident_event WHERE incident_id = ? ORDER BY sequence",
                (row, i) -> new StoredEvent(row.getString("event_id"), incidentId, row.getLong("sequence"),
                        row.getString("event_type"), row.getTimestamp("occurred_at").toInstant(), row.getString("actor"), null,
                        read(row.getString("event_type"), row.getString("payload"))), incidentId);
    }

    private static IncidentEvent read(String type, String payload) {
        Class<? extends IncidentEvent> eventClass = EventTypes.forName(type)
                .orElseThrow(() -> new IllegalStateException("stored event of unknown type " + type));
        return EventJson.read(payload, eventClass);
    }
}
