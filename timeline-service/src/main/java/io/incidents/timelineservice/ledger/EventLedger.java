package io.incidents.timelineservice.ledger;

import io.incidents.support.events.StoredEvent;

import io.incidents.events.ActionItemStatus;
import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.incident.IncidentProjector;
import io.incidents.timelineservice.incident.IncidentSummary;
import io.incidents.timelineservice.incident.SummaryFilter;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.notification.StoredNotification;
import io.incidents.timelineservice.incident.IncidentViewJson;
import io.incidents.events.IncidentDeclared;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaFacts;
import io.incidents.timelineservice.sla.SlaEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The timeline's copy of the event log and the incident summaries derived from it. Applying an
 * event is idempotent: a second copy (same event id, or same incident and sequence) changes
 * nothing. The caller runs {@link #apply} or {@link #applyAll} in a transaction, so the events,
 * their gap bookkeeping and the incidents' new summaries commit together or not at all.
 */
public class EventLedger {

    private static final Logger log = LoggerFactory.getLogger(EventLedger.class);
    /** A jump larger than this is recorded as one gap row per missing number up to this many. */
    private static final int MAX_GAP_ROWS = 1000;

    private final JdbcTemplate jdbc;
    private final LedgerTables tables;
    private final SlaPolicy slaPolicy;

    private final SlaRows slaRows;
    private final NotificationRows notificationRows;

    public EventLedger(JdbcTemplate jdbc, LedgerTables tables, SlaPolicy slaPolicy) {
        this.slaRows = new SlaRows(jdbc, tables);
        this.notificationRows = new NotificationRows(jdbc, tables.notifications());
        this.jdbc = jdbc;
        this.tables = tables;
        this.slaPolicy = slaPolicy;
    }

    public LedgerTables tables() {
        return tables;
    }

    public enum Outcome { APPLIED, DUPLICATE }

    /** What {@link #applyAll} did: how many events were new, and the incidents they changed. */
    public record Applied(int applied, int duplicates, Set<String> changedIncidents) {
    }

    public Outcome apply(StoredEvent event, Instant now) {
        return applyAll(List.of(event), now).applied() == 1 ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    /**
     * Applies a batch (a consumer's poll) as {@link #apply} would apply each event in turn, with a
     * few statements for the whole batch instead of several per event: the new events inserted
     * with one statement, the affected incidents' events read with one, and each affected
     * incident's summary re-derived once.
     *
     * @throws IllegalStateException when an event claims a sequence number another event holds
     *                               (the whole batch fails: the caller applies it event by event to
     *                               find the one)
     */
    public Applied applyAll(List<StoredEvent> events, Instant now) {
        if (events.isEmpty()) {
            return new Applied(0, 0, Set.of());
        }
        Set<String> inserted = insertNew(events);
        List<StoredEvent> newEvents = new ArrayList<>();
        for (StoredEvent event : events) {
            if (inserted.remove(event.eventId())) {
                newEvents.add(event);
            } else {
                refuseIfConflicting(event);
            }
        }
        Set<String> changed = new LinkedHashSet<>();
        newEvents.forEach(event -> changed.add(event.incidentId()));
        if (!changed.isEmpty()) {
            Map<String, List<StoredEvent>> histories = eventsOf(changed);
            trackGaps(newEvents, histories, now);
            refreshSummaries(histories, now);
        }
        return new Applied(newEvents.size(), events.size() - newEvents.size(), changed);
    }

    /** Inserts the events not stored yet (by id, or by incident and sequence); returns the ids it inserted. */
    private Set<String> insertNew(List<StoredEvent> events) {
        int n = events.size();
        String[] ids = new String[n];
        String[] incidents = new String[n];
        Long[] sequences = new Long[n];
        String[] types = new String[n];
        Timestamp[] occurred = new Timestamp[n];
        String[] actors = new String[n];
        String[] correlations = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            StoredEvent event = events.get(i);
            ids[i] = event.eventId();
            incidents[i] = event.incidentId();
            sequences[i] = event.sequence();
            types[i] = event.type();
            occurred[i] = Timestamp.from(event.occurredAt());
            actors[i] = event.actor();
            correlations[i] = event.correlationId();
            payloads[i] = EventJson.write(event.event());
        }
        // WITH ORDINALITY keeps the batch's order: of two copies in one batch, the first is the one inserted.
        String sql = "INSERT INTO " + tables.events()
                + " (event_id, incident_id, sequence, event_type, occurred_at, actor, correlation_id, payload)"
                + " SELECT event_id, incident_id, sequence, event_type, occurred_at, actor, correlation_id, payload"
                + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS batch(event_id, incident_id, sequence, event_type, occurred_at, actor, correlation_id,"
                + " payload, position) ORDER BY position"
                + " ON CONFLICT DO NOTHING RETURNING event_id";
        return new HashSet<>(jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setArray(1, connection.createArrayOf("text", ids));
                insert.setArray(2, connection.createArrayOf("text", incidents));
                insert.setArray(3, connection.createArrayOf("bigint", sequences));
                insert.setArray(4, connection.createArrayOf("text", types));
                insert.setArray(5, connection.createArrayOf("timestamptz", occurred));
                insert.setArray(6, connection.createArrayOf("text", actors));
                insert.setArray(7, connection.createArrayOf("text", correlations));
                insert.setArray(8, connection.createArrayOf("text", payloads));
                List<String> insertedIds = new ArrayList<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        insertedIds.add(rows.getString(1));
                    }
                }
                return insertedIds;
            }
        }));
    }

    /**
     * Keeps each notification event once (by its {@code ce_id}): a copy already stored changes
     * nothing. They change no summary: the views that show them read them with the incident's
     * events ({@link #notificationsOf}).
     */
    public Applied applyNotifications(List<StoredNotification> events) {
        Set<String> inserted = notificationRows.insertNew(events);
        Set<String> changed = new LinkedHashSet<>();
        int applied = 0;
        for (StoredNotification event : events) {
            if (inserted.remove(event.eventId())) {
                applied++;
                changed.add(event.incidentId());
            }
        }
        return new Applied(applied, events.size() - applied, changed);
    }

    /** Every stored notification event of one incident, by time then event id ({@link StoredNotification#ORDER}). */
    public List<StoredNotification> notificationsOf(String incidentId) {
        return notificationRows.of(incidentId);
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

    /** Every stored event of these incidents, per incident in sequence order. */
    private Map<String, List<StoredEvent>> eventsOf(Set<String> incidentIds) {
        Map<String, List<StoredEvent>> histories = new LinkedHashMap<>();
        incidentIds.forEach(id -> histories.put(id, new ArrayList<>()));
        // One index lookup per incident, whatever the statistics say. "incident_id = ANY(?)" on a
        // replay's tables, which have no statistics while they fill, was planned as a scan of the
        // whole table per batch (PostgreSQL's default guess: each of 350 ids matches 0.5 % of it).
        jdbc.query("SELECT e.* FROM unnest(?::text[]) AS wanted(incident_id), LATERAL (SELECT * FROM " + tables.events()
                        + " WHERE incident_id = wanted.incident_id ORDER BY sequence) e",
                row -> {
                    StoredEvent event = STORED_EVENT.mapRow(row, 0);
                    histories.get(event.incidentId()).add(event);
                }, postgresArray(List.copyOf(incidentIds)));
        return histories;
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

    /** Whether incidents applied before {@code incident_sla} existed may still lack their facts (V5's marker row). */
    boolean slaFactsBackfillPending() {
        return !jdbc.queryForList("SELECT pending FROM sla_facts_backfill", Boolean.class).isEmpty();
    }

    /** Every earlier incident has its facts: later starts skip the backfill. */
    void slaFactsBackfillDone() {
        jdbc.update("DELETE FROM sla_facts_backfill");
    }

    /**
     * Derives the SLA facts of the incidents after {@code after} (by id) that have a summary but
     * no facts row, at most {@code limit} of them: incidents applied before {@code incident_sla}
     * existed. A row the consumer writes meanwhile is kept.
     *
     * @return the last incident id looked at, or null when there are none left
     */
    String deriveMissingSlaFacts(String after, int limit) {
        List<String> ids = jdbc.queryForList("SELECT s.incident_id FROM " + tables.summaries() + " s WHERE s.incident_id > ?"
                + " AND NOT s.drill AND NOT EXISTS (SELECT 1 FROM " + tables.sla() + " f WHERE f.incident_id = s.incident_id)"
                + " ORDER BY s.incident_id LIMIT ?", String.class, after, limit);
        if (ids.isEmpty()) {
            return null;
        }
        List<SlaFacts> facts = eventsOf(new LinkedHashSet<>(ids)).values().stream()
                .filter(events -> !events.isEmpty() && events.get(0).event() instanceof IncidentDeclared declared
                        && !declared.drill())
                .map(events -> SlaEngine.facts(events.stream().map(StoredEvent::event).toList()))
                .toList();
        slaRows.insertMissing(facts);
        return ids.get(ids.size() - 1);
    }

    private static final RowMapper<IncidentSummary> SUMMARY = (row, i) -> new IncidentSummary(
            IncidentViewJson.read(row.getString("state")), IncidentViewJson.readSla(row.getString("sla")));

    /**
     * Incidents at {@code severity} declared since {@code since} with a breached clock as of
     * {@code now}: judged breached, or still running past its deadline. Drills are not counted.
     */
    public long breachedSince(Severity severity, Instant since, Instant now) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + tables.summaries()
                        + " WHERE severity = ? AND declared_at >= ? AND NOT drill"
                        + " AND (ack_verdict = 'BREACHED' OR (ack_verdict = 'RUNNING' AND ack_deadline < ?)"
                        + " OR resolve_verdict = 'BREACHED' OR (resolve_verdict = 'RUNNING' AND resolve_deadline < ?))",
                Long.class, severity.name(), Timestamp.from(since), Timestamp.from(now), Timestamp.from(now));
        return count == null ? 0 : count;
    }

    /**
     * The summaries of incidents with an action item still open: with {@code dueBefore}, only
     * those with one due before that day (overdue once that day has begun), else every one; the
     * earliest due first, at most {@code limit}.
     */
    public List<IncidentSummary> withOpenActionItems(LocalDate dueBefore, int limit) {
        if (dueBefore != null) {
            return jdbc.query("SELECT state, sla FROM " + tables.summaries() + " WHERE open_action_items_due < ?"
                    + " ORDER BY open_action_items_due, incident_id LIMIT ?", SUMMARY, java.sql.Date.valueOf(dueBefore), limit);
        }
        return jdbc.query("SELECT state, sla FROM " + tables.summaries() + " WHERE open_action_items > 0"
                + " ORDER BY open_action_items_due NULLS LAST, incident_id LIMIT ?", SUMMARY, limit);
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

    /**
     * Keeps {@code sequence_gap} to the numbers each changed incident skipped below its highest
     * one: the new events' numbers are no longer missing, and the numbers they jumped over are
     * (at most {@link #MAX_GAP_ROWS} per jump). A gap keeps the time it was first seen.
     */
    private void trackGaps(List<StoredEvent> newEvents, Map<String, List<StoredEvent>> histories, Instant now) {
        jdbc.update("DELETE FROM " + tables.gaps() + " g USING unnest(?::text[], ?::bigint[]) AS filled(incident_id, sequence)"
                        + " WHERE g.incident_id = filled.incident_id AND g.missing_sequence = filled.sequence",
                postgresArray(newEvents.stream().map(StoredEvent::incidentId).toList()),
                bigintArray(newEvents.stream().map(StoredEvent::sequence).toList()));
        List<String> gapIncidents = new ArrayList<>();
        List<Long> gapSequences = new ArrayList<>();
        histories.forEach((incidentId, history) -> missingSequences(history).forEach(sequence -> {
            gapIncidents.add(incidentId);
            gapSequences.add(sequence);
        }));
        if (gapIncidents.isEmpty()) {
            return;
        }
        List<Map<String, Object>> detected = jdbc.queryForList("INSERT INTO " + tables.gaps()
                        + " (incident_id, missing_sequence, detected_at)"
                        + " SELECT incident_id, sequence, ? FROM unnest(?::text[], ?::bigint[]) AS gap(incident_id, sequence)"
                        + " ON CONFLICT DO NOTHING RETURNING incident_id, missing_sequence",
                Timestamp.from(now), postgresArray(gapIncidents), bigintArray(gapSequences));
        detected.stream().collect(Collectors.groupingBy(row -> (String) row.get("incident_id"), TreeMap::new,
                        Collectors.mapping(row -> ((Number) row.get("missing_sequence")).longValue(), Collectors.toList())))
                .forEach((incidentId, numbers) -> log.warn("Gap in incident {}: sequence numbers {} have not arrived",
                        incidentId, numbers.size() <= 10 ? numbers : numbers.subList(0, 10) + " and " + (numbers.size() - 10) + " more"));
    }

    /** The numbers below the highest that {@code history} (in sequence order, starting at 0) lacks, at most MAX_GAP_ROWS per jump. */
    static List<Long> missingSequences(List<StoredEvent> history) {
        List<Long> missing = new ArrayList<>();
        long expected = 0;
        for (StoredEvent event : history) {
            long last = Math.min(event.sequence() - 1, expected + MAX_GAP_ROWS - 1);
            for (long number = expected; number <= last; number++) {
                missing.add(number);
            }
            expected = Math.max(expected, event.sequence() + 1);
        }
        return missing;
    }

    /**
     * Each summary and SLA facts row is re-derived from all of its incident's events, so arrival
     * order never matters. A drill has a summary but no SLA facts: SLA reports never count it.
     */
    private void refreshSummaries(Map<String, List<StoredEvent>> histories, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        List<SlaFacts> facts = new ArrayList<>();
        List<String> drills = new ArrayList<>();
        histories.forEach((incidentId, events) -> IncidentProjector.project(events).ifPresent(v -> {
            // Without its declaration (not arrived yet) an incident has no summary.
            SlaFacts incidentFacts = SlaEngine.facts(events.stream().map(StoredEvent::event).toList());
            if (v.drill()) {
                drills.add(incidentId);
            } else {
                facts.add(incidentFacts);
            }
            IncidentSla sla = incidentFacts.judge(slaPolicy, now);
            List<IncidentView.ActionItem> open = v.actionItems().stream()
                    .filter(item -> item.status() == ActionItemStatus.OPEN).toList();
            LocalDate earliestDue = open.stream().map(IncidentView.ActionItem::dueDate).filter(Objects::nonNull)
                    .min(LocalDate::compareTo).orElse(null);
            rows.add(new Object[]{incidentId, v.title(), v.severity().name(), v.status().name(), postgresArray(v.services()),
                    Timestamp.from(v.declaredAt()), events.get(events.size() - 1).sequence(), IncidentViewJson.write(v),
                    IncidentViewJson.write(sla), Timestamp.from(sla.acknowledge().deadline()), sla.acknowledge().verdict().name(),
                    Timestamp.from(sla.resolve().deadline()), sla.resolve().verdict().name(), v.drill(), open.size(),
                    earliestDue == null ? null : java.sql.Date.valueOf(earliestDue)});
        }));
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO " + tables.summaries()
                + " (incident_id, title, severity, status, services, declared_at, last_sequence, state, sla,"
                + " ack_deadline, ack_verdict, resolve_deadline, resolve_verdict, drill, open_action_items, open_action_items_due)"
                + " VALUES (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (incident_id) DO UPDATE SET title = EXCLUDED.title, severity = EXCLUDED.severity,"
                + " status = EXCLUDED.status, services = EXCLUDED.services, declared_at = EXCLUDED.declared_at,"
                + " last_sequence = EXCLUDED.last_sequence, state = EXCLUDED.state, sla = EXCLUDED.sla,"
                + " ack_deadline = EXCLUDED.ack_deadline, ack_verdict = EXCLUDED.ack_verdict,"
                + " resolve_deadline = EXCLUDED.resolve_deadline, resolve_verdict = EXCLUDED.resolve_verdict,"
                + " drill = EXCLUDED.drill, open_action_items = EXCLUDED.open_action_items,"
                + " open_action_items_due = EXCLUDED.open_action_items_due", rows);
        slaRows.upsert(facts);
        slaRows.delete(drills);
    }

    private static String bigintArray(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    static String postgresArray(List<String> values) {
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
