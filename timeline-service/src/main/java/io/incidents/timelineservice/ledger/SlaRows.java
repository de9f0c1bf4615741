package io.incidents.timelineservice.ledger;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.sla.GroupBy;
import io.incidents.timelineservice.sla.SlaFacts;
import io.incidents.timelineservice.sla.SlaReport;
import io.incidents.timelineservice.sla.SlaReport.Adherence;
import io.incidents.timelineservice.sla.SlaReport.Breach;
import io.incidents.timelineservice.sla.SlaReport.DurationStats;
import io.incidents.timelineservice.sla.SlaReport.Group;
import io.incidents.timelineservice.sla.SlaReportBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The incidents' SLA facts, one narrow row each ({@code incident_sla}), and the SLA report read
 * from them: the targets are parameters of the query, so the live report and a what-if are the
 * same statement, and neither reads an event or holds a period's incidents in memory. The query
 * judges a clock as {@link SlaFacts#judge} does (SPEC 4); a test holds the two to the same answers.
 */
public class SlaRows {

    private static final String COLUMNS = "incident_id, title, services, declared_at, severity_declared, severity_highest,"
            + " severity_current, ack_sev1_from, ack_sev2_from, ack_sev3_from, ack_sev4_from, resolve_sev1_from,"
            + " resolve_sev2_from, resolve_sev3_from, resolve_sev4_from, ack_stopped_at, resolved_at, first_ack_at,"
            + " first_mitigation_at";
    private static final String PLACEHOLDERS = "?, ?, ?::text[]" + ", ?".repeat(16);

    /** SlaReportBuilder's order of breaches; "C" compares ids as Java's strings do. */
    private static final String BREACH_ORDER = "declared_at, incident_id COLLATE \"C\", clock COLLATE \"C\"";
    private static final RowMapper<Breach> BREACH = (row, i) -> Breach.of(row.getString("incident_id"), row.getString("title"),
            row.getString("clock"), Severity.valueOf(row.getString("severity")), instant(row, "deadline"), instant(row, "stopped_at"));

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final LedgerTables tables;

    SlaRows(JdbcTemplate jdbc, LedgerTables tables) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tables = tables;
    }

    /** Writes each incident's facts, replacing what was there. */
    void upsert(List<SlaFacts> facts) {
        write(facts, " ON CONFLICT (incident_id) DO UPDATE SET " + Arrays.stream(COLUMNS.split(", "))
                .filter(column -> !column.equals("incident_id")).map(column -> column + " = EXCLUDED." + column)
                .reduce((a, b) -> a + ", " + b).orElseThrow());
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
                Timestamp.from(facts.declaredAt()), facts.severityAtDeclaration().name(), facts.highestSeverity().name(),
                facts.currentSeverity().name()));
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
        return row.toArray();
    }

    /** The facts of the incidents declared in [from, to), oldest first. */
    public List<SlaFacts> declaredBetween(Instant from, Instant to) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + tables.sla() + " WHERE declared_at >= ? AND declared_at < ?"
                + " ORDER BY declared_at, incident_id", FACTS, Timestamp.from(from), Timestamp.from(to));
    }

    /**
     * The SLA report of the incidents declared in [from, to) under {@code policy}, as
     * {@link SlaReportBuilder} would build it from each incident judged at {@code now}, except
     * that each group lists at most {@code breachesPerGroup} of its breaches (the first, in the
     * builder's order); its adherence counts every one.
     */
    public SlaReport report(Instant from, Instant to, GroupBy groupBy, SlaPolicy policy, Instant now, int breachesPerGroup) {
        MapSqlParameterSource parameters = parameters(from, to, policy, now).addValue("listed", breachesPerGroup);
        Map<String, Map<String, GroupFigures>> figures = new LinkedHashMap<>();
        named.query(judged() + " SELECT view, key, count(*) AS incidents,"
                + " count(*) FILTER (WHERE ack_verdict = 'MET') AS ack_met, count(*) FILTER (WHERE ack_verdict = 'BREACHED') AS ack_breached,"
                + " count(*) FILTER (WHERE resolve_verdict = 'MET') AS resolve_met,"
                + " count(*) FILTER (WHERE resolve_verdict = 'BREACHED') AS resolve_breached, "
                + stats("tta") + ", " + stats("ttr")
                + " FROM " + keyed(groupBy, "verdicts") + " GROUP BY view, key", parameters, row -> {
                    figures.computeIfAbsent(row.getString("view"), view -> new LinkedHashMap<>())
                            .put(row.getString("key"), GroupFigures.of(row));
                });
        Map<String, Map<String, List<Breach>>> breaches = new LinkedHashMap<>();
        named.query(judged() + breached() + " SELECT * FROM (SELECT keyed.*, row_number() OVER (PARTITION BY view, key"
                + " ORDER BY " + BREACH_ORDER + ") AS place FROM " + keyed(groupBy, "breached") + ") ranked"
                + " WHERE place <= :listed ORDER BY view, key, place",
                parameters, row -> {
                    breaches.computeIfAbsent(row.getString("view"), view -> new LinkedHashMap<>())
                            .computeIfAbsent(row.getString("key"), key -> new ArrayList<>()).add(BREACH.mapRow(row, 0));
                });
        return switch (groupBy) {
            case SEVERITY -> new SlaReport(from, to, groupBy, bySeverity("declared", figures, breaches),
                    bySeverity("highest", figures, breaches));
            case SERVICE -> new SlaReport(from, to, groupBy, byService(figures, breaches), List.of());
        };
    }

    /** Where a page of breaches ends: the last one's place in the breach order. */
    public record BreachCursor(Instant declaredAt, String incidentId, String clock) {
    }

    /** One page of a group's breaches, in the report's order, and where the next starts (null after the last). */
    public record BreachPage(List<Breach> items, BreachCursor next) {
    }

    /**
     * A group's breaches after {@code after} (from the first when null), at most {@code limit}:
     * the whole list of which a report shows the first few.
     *
     * @param view "declared" or "highest" (a severity level as key), or "service" (a service name)
     */
    public BreachPage breaches(Instant from, Instant to, String view, String key, SlaPolicy policy, Instant now,
                               BreachCursor after, int limit) {
        GroupBy groupBy = view.equals("service") ? GroupBy.SERVICE : GroupBy.SEVERITY;
        MapSqlParameterSource parameters = parameters(from, to, policy, now).addValue("view", view).addValue("key", key)
                .addValue("limit", limit + 1)
                .addValue("after_at", after == null ? null : Timestamp.from(after.declaredAt()), Types.TIMESTAMP)
                .addValue("after_id", after == null ? null : after.incidentId(), Types.VARCHAR)
                .addValue("after_clock", after == null ? null : after.clock(), Types.VARCHAR);
        List<Breach> items = new ArrayList<>();
        List<BreachCursor> places = new ArrayList<>();
        named.query(judged() + breached() + " SELECT * FROM " + keyed(groupBy, "breached") + " WHERE view = :view AND key = :key"
                + " AND (CAST(:after_at AS TIMESTAMPTZ) IS NULL OR (declared_at, incident_id COLLATE \"C\", clock COLLATE \"C\")"
                + " > (:after_at, CAST(:after_id AS TEXT) COLLATE \"C\", CAST(:after_clock AS TEXT) COLLATE \"C\"))"
                + " ORDER BY " + BREACH_ORDER + " LIMIT :limit", parameters, row -> {
                    items.add(BREACH.mapRow(row, 0));
                    places.add(new BreachCursor(instant(row, "declared_at"), row.getString("incident_id"), row.getString("clock")));
                });
        if (items.size() <= limit) {
            return new BreachPage(items, null);
        }
        return new BreachPage(items.subList(0, limit), places.get(limit - 1));
    }

    /** Every level is present, even without incidents, so the report always has the same shape. */
    private static List<Group> bySeverity(String view, Map<String, Map<String, GroupFigures>> figures,
                                          Map<String, Map<String, List<Breach>>> breaches) {
        List<Group> groups = new ArrayList<>();
        for (Severity level : Severity.values()) {
            groups.add(group(level.name(), figures.getOrDefault(view, Map.of()).get(level.name()),
                    breaches.getOrDefault(view, Map.of()).getOrDefault(level.name(), List.of())));
        }
        return groups;
    }

    /** Services in the order the builder gives them (Java's string order). */
    private static List<Group> byService(Map<String, Map<String, GroupFigures>> figures,
                                         Map<String, Map<String, List<Breach>>> breaches) {
        List<Group> groups = new ArrayList<>();
        new TreeMap<>(figures.getOrDefault("service", Map.of())).forEach((service, counted) -> groups.add(group(service, counted,
                breaches.getOrDefault("service", Map.of()).getOrDefault(service, List.of()))));
        return groups;
    }

    private static Group group(String key, GroupFigures figures, List<Breach> breaches) {
        if (figures == null) {
            return new Group(key, 0, Adherence.counted(0, 0), Adherence.counted(0, 0), DurationStats.NONE, DurationStats.NONE,
                    List.of());
        }
        return new Group(key, figures.incidents(), figures.acknowledge(), figures.resolve(), figures.tta(), figures.ttr(), breaches);
    }

    /**
     * The period's rows with each clock's deadline under the policy and its verdict at :now, as
     * {@link SlaFacts#judge}: the earliest of (level first set + its target) over the levels set
     * while the clock ran; met when it stopped at or before it; a running clock is breached once
     * :now is past it.
     */
    private String judged() {
        return "WITH judged AS (SELECT incident_id, title, services, declared_at, severity_declared, severity_highest,"
                + " ack_stopped_at, resolved_at, " + deadline("ack") + " AS ack_deadline, " + deadline("resolve") + " AS resolve_deadline,"
                + " floor(extract(epoch FROM first_ack_at - declared_at))::bigint AS tta,"
                + " floor(extract(epoch FROM resolved_at - declared_at))::bigint AS ttr"
                + " FROM " + tables.sla() + " WHERE declared_at >= :from AND declared_at < :to),"
                + " verdicts AS (SELECT judged.*, " + verdict("ack_stopped_at", "ack_deadline") + " AS ack_verdict, "
                + verdict("resolved_at", "resolve_deadline") + " AS resolve_verdict FROM judged)";
    }

    /** Each breached clock of the period, one row per clock. */
    private static String breached() {
        return ", breached AS (SELECT incident_id, title, declared_at, severity_declared, severity_highest, services,"
                + " 'acknowledge' AS clock, ack_deadline AS deadline, ack_stopped_at AS stopped_at FROM verdicts"
                + " WHERE ack_verdict = 'BREACHED' UNION ALL SELECT incident_id, title, declared_at, severity_declared,"
                + " severity_highest, services, 'resolve', resolve_deadline, resolved_at FROM verdicts WHERE resolve_verdict = 'BREACHED')";
    }

    private static String deadline(String clock) {
        List<String> levels = new ArrayList<>();
        for (Severity level : Severity.values()) {
            String name = clock + "_" + level.name().toLowerCase(Locale.ROOT);
            levels.add(name + "_from + :" + name + " * INTERVAL '1 microsecond'");
        }
        return "LEAST(" + String.join(", ", levels) + ")"; // LEAST skips the levels never set (null)
    }

    private static String verdict(String stoppedAt, String deadline) {
        return "CASE WHEN " + stoppedAt + " IS NOT NULL THEN CASE WHEN " + stoppedAt + " > " + deadline
                + " THEN 'BREACHED' ELSE 'MET' END WHEN :now > " + deadline + " THEN 'BREACHED' ELSE 'RUNNING' END";
    }

    /** Count, mean, p50 and p90 (nearest rank: percentile_disc) and max of a duration in whole seconds. */
    private static String stats(String duration) {
        return "count(" + duration + ") AS " + duration + "_count, round(avg(" + duration + "), 1) AS " + duration + "_mean,"
                + " percentile_disc(0.5) WITHIN GROUP (ORDER BY " + duration + ") AS " + duration + "_p50,"
                + " percentile_disc(0.9) WITHIN GROUP (ORDER BY " + duration + ") AS " + duration + "_p90,"
                + " max(" + duration + ") AS " + duration + "_max";
    }

    /**
     * Each row under the key of each view it counts in: its level at declaration and its highest
     * level (grouped by severity), or each service it names, once (grouped by service).
     */
    private static String keyed(GroupBy groupBy, String rows) {
        return switch (groupBy) {
            case SEVERITY -> "(SELECT 'declared' AS view, severity_declared AS key, severity_declared AS severity, r.* FROM " + rows + " r"
                    + " UNION ALL SELECT 'highest', severity_highest, severity_highest, r.* FROM " + rows + " r) keyed";
            case SERVICE -> "(SELECT 'service' AS view, named.service AS key, r.severity_declared AS severity, r.* FROM " + rows + " r"
                    + " CROSS JOIN LATERAL (SELECT DISTINCT unnest(r.services) AS service) named) keyed";
        };
    }

    private static MapSqlParameterSource parameters(Instant from, Instant to, SlaPolicy policy, Instant now) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to)).addValue("now", Timestamp.from(now));
        for (Severity level : Severity.values()) {
            String name = level.name().toLowerCase(Locale.ROOT);
            parameters.addValue("ack_" + name, micros(policy.targetFor(level).acknowledgeWithin()));
            parameters.addValue("resolve_" + name, micros(policy.targetFor(level).resolveWithin()));
        }
        return parameters;
    }

    private static long micros(Duration duration) {
        return duration.truncatedTo(ChronoUnit.MICROS).toNanos() / 1_000;
    }

    /** One group's counts and duration figures, as the aggregate query gives them. */
    private record GroupFigures(int incidents, Adherence acknowledge, Adherence resolve, DurationStats tta, DurationStats ttr) {

        static GroupFigures of(ResultSet row) throws SQLException {
            return new GroupFigures(row.getInt("incidents"),
                    Adherence.counted(row.getInt("ack_met"), row.getInt("ack_breached")),
                    Adherence.counted(row.getInt("resolve_met"), row.getInt("resolve_breached")),
                    durations(row, "tta"), durations(row, "ttr"));
        }

        private static DurationStats durations(ResultSet row, String duration) throws SQLException {
            int count = row.getInt(duration + "_count");
            if (count == 0) {
                return DurationStats.NONE;
            }
            BigDecimal mean = row.getBigDecimal(duration + "_mean");
            return new DurationStats(count, mean.doubleValue(), row.getLong(duration + "_p50"), row.getLong(duration + "_p90"),
                    row.getLong(duration + "_max"));
        }
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
                instant(row, "declared_at"), Severity.valueOf(row.getString("severity_declared")),
                Severity.valueOf(row.getString("severity_highest")), Severity.valueOf(row.getString("severity_current")),
                ackLevels, resolveLevels, instant(row, "ack_stopped_at"), instant(row, "resolved_at"),
                instant(row, "first_ack_at"), instant(row, "first_mitigation_at"));
    };

    private static void putIfSet(Map<Severity, Instant> levels, Severity level, Instant from) {
        if (from != null) {
            levels.put(level, from);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
