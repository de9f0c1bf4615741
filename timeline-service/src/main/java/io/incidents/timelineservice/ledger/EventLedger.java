package io.incidents.timelineservice.ledger;

import io.incidents.support.events.StoredEvent;

import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.incident.IncidentProjector;
import io.incidents.timelineservice.incident.IncidentSummary;
import io.incidents.timelineservice.incident.SummaryFilter;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.IncidentViewJson;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The timeline's copy of the event log and the incident summaries derived from it. Applying an
 * event is idempotent: a second copy (same event id, or same incident and sequence) changes
 * nothing. The caller runs {@link #apply} in a transaction, so the event, its gap bookkeeping and
 * the incident's new summary commit together or not at all.
 */
public class EventLedger {

    private static final Logger log = LoggerFactory.getLogger(EventLedger.class);
    /** A jump larger than this is recorded as one gap row per missing number up to this many. */
    private static final int MAX_GAP_ROWS = 1000;

    private final JdbcTemplate jdbc;
    private final LedgerTables tables;
    private final SlaPolicy slaPolicy;

    public EventLedger(JdbcTemplate jdbc, LedgerTables tables, SlaPolicy slaPolicy) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.slaPolicy = slaPolicy;
    }

    public LedgerTables tables() {
        return tables;
    }

    public enum Outcome { APPLIED, DUPLICATE }

    public Outcome apply(StoredEvent event, Instant now) {
        int inserted = jdbc.update("INSERT INTO " + tables.events()
                        + " (event_id, incident_id, sequence, event_type, occurred_at, actor, correlation_id, payload)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.eventId(), event.incidentId(), event.sequence(), event.type(), Timestamp.from(event.occurredAt()),
                event.actor(), event.correlationId(), EventJson.write(event.event()));
        if (inserted == 0) {
            refuseIfConflicting(event);
            return Outcome.DUPLICATE;
        }
        trackGaps(event, now);
        refreshSummary(event.incidentId(), now);
        return Outcome.APPLIED;
    }

    /** Tells live dashboards the incident changed, once the caller's transaction commits. */
    public void announceChange(String incidentId) {
        IncidentChanges.announce(jdbc, incidentId);
    }

    /** Every stored event of one incident, in sequence order. */
    public List<StoredEvent> eventsOf(String incidentId) {
        return jdbc.query("SELECT * FROM " + tables.events() + " WHERE incident_id = ? ORDER BY sequence",
                STORED_EVENT, incidentId);
    }

    public Optional<IncidentSummary> summary(String incidentId) {
        return jdbc.query("SELECT state, sla FROM " + tables.summaries() + " WHERE incident_id = ?", SUMMARY, incidentId)
                .stream().findFirst();
    }

    /** One page of summaries, newest first, filtered as {@link SummaryFilter} says. */
    public List<IncidentSummary> summaries(SummaryFilter filter, int page, int size) {
        SummaryFilter.Sql where = filter.toSql();
        List<Object> arguments = new java.util.ArrayList<>(where.arguments());
        arguments.add(size);
        arguments.add((long) page * size);
        return jdbc.query("SELECT state, sla FROM " + tables.summaries() + where.clause()
                + " ORDER BY declared_at DESC, incident_id LIMIT ? OFFSET ?", SUMMARY, arguments.toArray());
    }

    /** The summaries of these incidents (those known), in no particular order. */
    public List<IncidentSummary> summaries(List<String> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT state, sla FROM " + tables.summaries() + " WHERE incident_id = ANY(?::text[])", SUMMARY,
                postgresArray(incidentIds));
    }

    /** Every incident not resolved, newest first, at most {@code limit}: what the board shows. */
    public List<IncidentSummary> openSummaries(int limit) {
        return jdbc.query("SELECT state, sla FROM " + tables.summaries() + " WHERE status <> 'RESOLVED'"
                + " ORDER BY declared_at DESC LIMIT ?", SUMMARY, limit);
    }

    public long count(SummaryFilter filter) {
        SummaryFilter.Sql where = filter.toSql();
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + tables.summaries() + where.clause(), Long.class,
                where.arguments().toArray());
        return count == null ? 0 : count;
    }

    /** Every event of the incidents declared in [from, to), grouped per incident in sequence order. */
    public java.util.Map<String, List<StoredEvent>> eventsOfIncidentsDeclaredBetween(Instant from, Instant to) {
        java.util.Map<String, List<StoredEvent>> byIncident = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT e.* FROM " + tables.events() + " e JOIN " + tables.summaries() + " s ON s.incident_id = e.incident_id"
                        + " WHERE s.declared_at >= ? AND s.declared_at < ? ORDER BY s.declared_at, e.incident_id, e.sequence",
                row -> {
                    StoredEvent event = STORED_EVENT.mapRow(row, 0);
                    byIncident.computeIfAbsent(event.incidentId(), id -> new java.util.ArrayList<>()).add(event);
                }, Timestamp.from(from), Timestamp.from(to));
        return byIncident;
    }

    private static final RowMapper<IncidentSummary> SUMMARY = (row, i) -> new IncidentSummary(
            IncidentViewJson.read(row.getString("state")), IncidentViewJson.readSla(row.getString("sla")));

    /**
     * Incidents at {@code severity} declared since {@code since} with a breached clock as of
     * {@code now}: judged breached, or still running past its deadline.
     */
    public long breachedSince(Severity severity, Instant since, Instant now) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + tables.summaries() + " WHERE severity = ? AND declared_at >= ?"
                        + " AND (ack_verdict = 'BREACHED' OR (ack_verdict = 'RUNNING' AND ack_deadline < ?)"
                        + " OR resolve_verdict = 'BREACHED' OR (resolve_verdict = 'RUNNING' AND resolve_deadline < ?))",
                Long.class, severity.name(), Timestamp.from(since), Timestamp.from(now), Timestamp.from(now));
        return count == null ? 0 : count;
    }

    public long openGaps() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + tables.gaps(), Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The same event again is a duplicate, dropped. A different event claiming a sequence number
     * already taken is not: the event store was restored or reset, or two writers disagree, and
     * dropping it quietly would lose it. It fails, every time, so the consumer parks it in the
     * dead letters where an operator sees it (review L14).
     */
    private void refuseIfConflicting(StoredEvent event) {
        List<String> holder = jdbc.queryForList("SELECT event_id FROM " + tables.events()
                + " WHERE incident_id = ? AND sequence = ?", String.class, event.incidentId(), event.sequence());
        if (!holder.isEmpty() && !holder.get(0).equals(event.eventId())) {
            throw new IllegalStateException("Incident " + event.incidentId() + " sequence " + event.sequence()
                    + " already holds event " + holder.get(0) + "; a different event " + event.eventId()
                    + " claims it (was the event store restored or reset?)");
        }
    }

    private void trackGaps(StoredEvent event, Instant now) {
        jdbc.update("DELETE FROM " + tables.gaps() + " WHERE incident_id = ? AND missing_sequence = ?",
                event.incidentId(), event.sequence());
        Long previous = jdbc.queryForObject("SELECT max(sequence) FROM " + tables.events()
                + " WHERE incident_id = ? AND sequence < ?", Long.class, event.incidentId(), event.sequence());
        long expected = previous == null ? 0 : previous + 1;
        if (event.sequence() > expected) {
            log.warn("Gap in incident {}: expected sequence {}, received {}", event.incidentId(), expected, event.sequence());
            long last = Math.min(event.sequence() - 1, expected + MAX_GAP_ROWS - 1);
            for (long missing = expected; missing <= last; missing++) {
                jdbc.update("INSERT INTO " + tables.gaps() + " (incident_id, missing_sequence, detected_at)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", event.incidentId(), missing, Timestamp.from(now));
            }
        }
    }

    /** The summary is always re-derived from all of the incident's events, so arrival order never matters. */
    private void refreshSummary(String incidentId, Instant now) {
        List<StoredEvent> events = eventsOf(incidentId);
        Optional<IncidentView> view = IncidentProjector.project(events);
        if (view.isEmpty()) {
            return; // its declaration has not arrived yet
        }
        IncidentView v = view.get();
        IncidentSla sla = SlaEngine.evaluate(events.stream().map(StoredEvent::event).toList(), slaPolicy, now);
        jdbc.update("INSERT INTO " + tables.summaries()
                        + " (incident_id, title, severity, status, services, declared_at, last_sequence, state, sla,"
                        + " ack_deadline, ack_verdict, resolve_deadline, resolve_verdict)"
                        + " VALUES (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id) DO UPDATE SET title = EXCLUDED.title, severity = EXCLUDED.severity,"
                        + " status = EXCLUDED.status, services = EXCLUDED.services, declared_at = EXCLUDED.declared_at,"
                        + " last_sequence = EXCLUDED.last_sequence, state = EXCLUDED.state, sla = EXCLUDED.sla,"
                        + " ack_deadline = EXCLUDED.ack_deadline, ack_verdict = EXCLUDED.ack_verdict,"
                        + " resolve_deadline = EXCLUDED.resolve_deadline, resolve_verdict = EXCLUDED.resolve_verdict",
                incidentId, v.title(), v.severity().name(), v.status().name(), postgresArray(v.services()),
                Timestamp.from(v.declaredAt()), events.get(events.size() - 1).sequence(), IncidentViewJson.write(v),
                IncidentViewJson.write(sla), Timestamp.from(sla.acknowledge().deadline()), sla.acknowledge().verdict().name(),
                Timestamp.from(sla.resolve().deadline()), sla.resolve().verdict().name());
    }

    private static String postgresArray(List<String> values) {
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return array.append('}').toString();
    }

    static final RowMapper<StoredEvent> STORED_EVENT = (row, i) -> {
        String type = row.getString("event_type");
        Class<? extends IncidentEvent> eventClass = EventTypes.forName(type)
                .orElseThrow(() -> new IllegalStateException("stored event of unknown type " + type));
        IncidentEvent event = EventJson.read(row.getString("payload"), eventClass);
        // The payload keeps nanoseconds; the occurred_at column (for SQL) only microseconds.
        return new StoredEvent(row.getString("event_id"), row.getString("incident_id"), row.getLong("sequence"), type,
                event.occurredAt(), row.getString("actor"), row.getString("correlation_id"), event);
    };
}
