package io.incidents.timelineservice.ledger;

import io.incidents.events.Severity;
import io.incidents.timelineservice.sla.SlaFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The incidents' SLA facts, one narrow row each ({@code incident_sla}), kept by the projection
 * with each summary; {@link SlaReportQueries} reads the reports from them.
 */
class SlaRows {

    private static final String COLUMNS = "incident_id, title, services, declared_at, detected_at, severity_declared,"
            + " severity_highest, severity_current, ack_sev1_from, ack_sev2_from, ack_sev3_from, ack_sev4_from,"
            + " resolve_sev1_from, resolve_sev2_from, resolve_sev3_from, resolve_sev4_from, ack_stopped_at, resolved_at,"
            + " first_ack_at, first_mitigation_at, tta_seconds, ttr_seconds";
    private static final String PLACEHOLDERS = "?, ?, ?::text[]" + ", ?".repeat(19);

    private final JdbcTemplate jdbc;
    private final LedgerTables tables;

    SlaRows(JdbcTemplate jdbc, LedgerTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** Writes each incident's facts, replacing what was there. */
    void upsert(List<SlaFacts> facts) {
        write(facts, " ON CONFLICT (incident_id) DO UPDATE SET " + Arrays.stream(COLUMNS.split(", "))
                .filter(column -> !column.equals("incident_id")).map(column -> column + " = EXCLUDED." + column)
                .reduce((a, b) -> a + ", " + b).orElseThrow());
    }

    /**
     * Removes the facts of these incidents (drills): none is normally there, but an earlier
     * version of this service counted drills as incidents.
     */
    void delete(List<String> incidentIds) {
        if (incidentIds.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM " + tables.sla() + " WHERE incident_id = ANY(?::text[])", EventLedger.postgresArray(incidentIds));
    }

    /**
     * Writes the facts of incidents that have none yet; a row the consumer wrote meanwhile (from
     * a newer event) is kept.
     */
    void insertMissing(List<SlaFacts> facts) {
        write(facts, " ON CONFLICT (incident_id) DO NOTHING");
    }

    private void write(List<SlaFacts> facts, String onConflict) {
        if (facts.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO " + tables.sla() + " (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ")" + onConflict,
                facts.stream().map(SlaRows::row).toList());
    }

    private static Object[] row(SlaFacts facts) {
        List<Object> row = new ArrayList<>(List.of(facts.incidentId(), facts.title(), EventLedger.postgresArray(facts.services()),
                Timestamp.from(facts.declaredAt()), Timestamp.from(facts.detectedAt()), facts.severityAtDeclaration().name(),
                facts.highestSeverity().name(), facts.currentSeverity().name()));
        for (Severity level : Severity.values()) {
            row.add(timestamp(facts.ackLevelsFrom().get(level)));
        }
        for (Severity level : Severity.values()) {
            row.add(timestamp(facts.resolveLevelsFrom().get(level)));
        }
        row.add(timestamp(facts.ackStoppedAt()));
        row.add(timestamp(facts.resolvedAt()));
        row.add(timestamp(facts.firstAck()));
        row.add(timestamp(facts.firstMitigation()));
        row.add(facts.tta() == null ? null : facts.tta().getSeconds());
        row.add(facts.ttr() == null ? null : facts.ttr().getSeconds());
        return row.toArray();
    }

    /** The facts of the incidents declared in [from, to), oldest first. */
    List<SlaFacts> declaredBetween(Instant from, Instant to) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + tables.sla() + " WHERE declared_at >= ? AND declared_at < ?"
                + " ORDER BY declared_at, incident_id", FACTS, Timestamp.from(from), Timestamp.from(to));
    }

    private static final RowMapper<SlaFacts> FACTS = (row, i) -> {
        Map<Severity, Instant> ackLevels = new EnumMap<>(Severity.class);
        Map<Severity, Instant> resolveLevels = new EnumMap<>(Severity.class);
        for (Severity level : Severity.values()) {
            String name = level.name().toLowerCase(Locale.ROOT);
            putIfSet(ackLevels, level, instant(row, "ack_" + name + "_from"));
            putIfSet(resolveLevels, level, instant(row, "resolve_" + name + "_from"));
        }
        return new SlaFacts(row.getString("incident_id"), row.getString("title"), strings(row.getArray("services")),
                instant(row, "declared_at"), instant(row, "detected_at"), Severity.valueOf(row.getString("severity_declared")),
                Severity.valueOf(row.getString("severity_highest")), Severity.valueOf(row.getString("severity_current")),
                ackLevels, resolveLevels, instant(row, "ack_stopped_at"), instant(row, "resolved_at"),
                instant(row, "first_ack_at"), instant(row, "first_mitigation_at"));
    };

    private static void putIfSet(Map<Severity, Instant> levels, Severity level, Instant from) {
        if (from != null) {
            levels.put(level, from);
        }
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
