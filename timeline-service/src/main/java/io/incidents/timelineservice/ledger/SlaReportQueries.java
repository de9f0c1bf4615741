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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.incidents.timelineservice.ledger.SlaRows.instant;
import static io.incidents.timelineservice.ledger.SlaRows.strings;

/**
 * SLA reports read from the incidents' SLA facts rows ({@link SlaRows}): the targets are
 * parameters of the query, so the live report and a what-if are the same statement, and neither
 * reads an event or holds a period's incidents in memory. The query judges a clock as
 * {@link SlaFacts#judge} does (SPEC 4); a test holds the two to the same answers.
 */
public class SlaReportQueries {

    /** The order of a report's breaches: by declaration, incident id ("C": as Java compares them), then acknowledge before resolve. */
    private static final String ROW_ORDER = "declared_at, incident_id COLLATE \"C\"";
    private static final String REPORT_WORK_MEM = "32MB";
    private static final String ANY_BREACH = "(ack_verdict = 'BREACHED' OR resolve_verdict = 'BREACHED')";
    /** A group's counts and duration figures, over judged rows. */
    private static final String FIGURES = "count(*) AS incidents,"
            + " count(*) FILTER (WHERE ack_verdict = 'MET') AS ack_met, count(*) FILTER (WHERE ack_verdict = 'BREACHED') AS ack_breached,"
            + " count(*) FILTER (WHERE resolve_verdict = 'MET') AS resolve_met,"
            + " count(*) FILTER (WHERE resolve_verdict = 'BREACHED') AS resolve_breached, " + stats("tta") + ", " + stats("ttr");

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final LedgerTables tables;
    /** A report's statements share one snapshot, and its work_mem setting. */
    private final TransactionTemplate readOnly;

    SlaReportQueries(JdbcTemplate jdbc, LedgerTables tables) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tables = tables;
        this.readOnly = new TransactionTemplate(new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())));
        readOnly.setReadOnly(true);
    }

    /**
     * The SLA report of the incidents declared in [from, to) under {@code policy}, each judged at
     * {@code now} (SPEC 4), each group listing at most {@code breachesPerGroup} of its breaches
     * (the first, in the report's order); its adherence counts every one.
     */
    public SlaReport report(Instant from, Instant to, GroupBy groupBy, SlaPolicy policy, Instant now, int breachesPerGroup) {
        return report(from, to, groupBy, policy, now, breachesPerGroup, null);
    }

    /** The same, over the incidents naming {@code service} only (all of them when null), as the dashboard filters. */
    public SlaReport report(Instant from, Instant to, GroupBy groupBy, SlaPolicy policy, Instant now, int breachesPerGroup,
                            String service) {
        return readOnly.execute(status -> {
            // The percentiles' sorts of a large period in memory, not on disk (SET LOCAL: this transaction only).
            jdbc.execute("SET LOCAL work_mem = '" + REPORT_WORK_MEM + "'");
            return reportInTransaction(from, to, groupBy, policy, now, breachesPerGroup, service);
        });
    }

    private SlaReport reportInTransaction(Instant from, Instant to, GroupBy groupBy, SlaPolicy policy, Instant now,
                                          int breachesPerGroup, String service) {
        MapSqlParameterSource parameters = parameters(from, to, policy, now).addValue("listed", breachesPerGroup);
        String only = naming(service, parameters);
        Map<String, Map<String, GroupFigures>> figures = new LinkedHashMap<>();
        Map<String, Map<String, List<Breach>>> breaches = new LinkedHashMap<>();
        RowCallbackHandler figuresOfGroup = row -> figures.computeIfAbsent(row.getString("view"), view -> new LinkedHashMap<>())
                .put(row.getString("key"), GroupFigures.of(row));
        switch (groupBy) {
            case SEVERITY -> {
                // Both views in one pass over the period's rows.
                named.query("SELECT CASE WHEN GROUPING(severity_declared) = 0 THEN 'declared' ELSE 'highest' END AS view,"
                        + " CASE WHEN GROUPING(severity_declared) = 0 THEN severity_declared ELSE severity_highest END AS key, "
                        + FIGURES + " FROM (" + judgedRows(only) + ") judged"
                        + " GROUP BY GROUPING SETS ((severity_declared), (severity_highest))", parameters, figuresOfGroup);
                for (String view : breachesPerGroup == 0 ? List.<String>of() : List.of("declared", "highest")) {
                    for (Severity level : Severity.values()) {
                        breaches.computeIfAbsent(view, v -> new LinkedHashMap<>()).put(level.name(),
                                breaches(from, to, view, level.name(), policy, now, null, breachesPerGroup, service).items());
                    }
                }
            }
            case SERVICE -> {
                named.query("SELECT 'service' AS view, named.service AS key, " + FIGURES + " FROM (" + judgedRows(only) + ") judged"
                        + " CROSS JOIN LATERAL (SELECT DISTINCT unnest(judged.services) AS service) named GROUP BY named.service",
                        parameters, figuresOfGroup);
                // The first breached incidents of every service at once: one pass, not one per service.
                Map<String, List<BreachedRow>> rows = new LinkedHashMap<>();
                named.query("SELECT * FROM (SELECT judged.*, named.service, row_number() OVER (PARTITION BY named.service"
                        + " ORDER BY " + ROW_ORDER + ") AS place FROM (" + judgedRows(only) + ") judged"
                        + " CROSS JOIN LATERAL (SELECT DISTINCT unnest(judged.services) AS service) named WHERE " + ANY_BREACH + ") ranked"
                        + " WHERE place <= :listed ORDER BY service, place", parameters, row -> {
                            rows.computeIfAbsent(row.getString("service"), named -> new ArrayList<>()).add(BreachedRow.of(row));
                        });
                rows.forEach((named, breached) -> breaches.computeIfAbsent("service", v -> new LinkedHashMap<>())
                        .put(named, page(breached, "service", null, breachesPerGroup).items()));
            }
        }
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
     * the whole list of which a report shows the first few. The period's rows of the group are
     * read in declaration order only until enough breached ones are found.
     *
     * @param view "declared" or "highest" (a severity level as key), or "service" (a service name)
     */
    public BreachPage breaches(Instant from, Instant to, String view, String key, SlaPolicy policy, Instant now,
                               BreachCursor after, int limit) {
        return breaches(from, to, view, key, policy, now, after, limit, null);
    }

    private BreachPage breaches(Instant from, Instant to, String view, String key, SlaPolicy policy, Instant now,
                                BreachCursor after, int limit, String service) {
        MapSqlParameterSource parameters = parameters(from, to, policy, now).addValue("key", key)
                // Each row has at least one breach; one more than asked, and the cursor's own row, tell whether more follow.
                .addValue("rows", (long) limit + 2);
        String where = naming(service, parameters) + switch (view) {
            case "declared" -> " AND severity_declared = :key";
            case "highest" -> " AND severity_highest = :key";
            case "service" -> " AND :key = ANY(services)";
            default -> throw new IllegalArgumentException("no view " + view);
        };
        if (after != null) {
            where += " AND (declared_at, incident_id COLLATE \"C\") >= (:after_at, CAST(:after_id AS TEXT) COLLATE \"C\")";
            parameters.addValue("after_at", Timestamp.from(after.declaredAt())).addValue("after_id", after.incidentId());
        }
        List<BreachedRow> rows = named.query("SELECT * FROM (" + judgedRows(where) + ") judged WHERE " + ANY_BREACH
                + " ORDER BY " + ROW_ORDER + " LIMIT :rows", parameters, (row, i) -> BreachedRow.of(row));
        return page(rows, view, after, limit);
    }

    /** A breach as the dashboard lists it: with the services its incident names. */
    public record ListedBreach(Breach breach, List<String> services) {
    }

    /**
     * The latest breaches of the period (deadline newest first, then incident id and clock) under
     * {@code policy}, at most {@code limit}, each named with its level in {@code view} ("declared"
     * or "highest"); of the incidents naming {@code service} only, unless null.
     */
    public List<ListedBreach> latestBreaches(Instant from, Instant to, String view, String service, SlaPolicy policy,
                                             Instant now, int limit) {
        MapSqlParameterSource parameters = parameters(from, to, policy, now).addValue("limit", limit);
        String rows = "(" + judgedRows(naming(service, parameters)) + ") judged";
        String level = view.equals("highest") ? "severity_highest" : "severity_declared";
        return named.query("SELECT * FROM (SELECT incident_id, title, services, " + level + " AS severity, 'acknowledge' AS clock,"
                + " ack_deadline AS deadline, ack_stopped_at AS stopped_at FROM " + rows + " WHERE ack_verdict = 'BREACHED'"
                + " UNION ALL SELECT incident_id, title, services, " + level + ", 'resolve', resolve_deadline, resolved_at FROM " + rows
                + " WHERE resolve_verdict = 'BREACHED') breached ORDER BY deadline DESC, incident_id COLLATE \"C\", clock LIMIT :limit",
                parameters, (row, i) -> new ListedBreach(Breach.of(row.getString("incident_id"), row.getString("title"),
                        row.getString("clock"), Severity.valueOf(row.getString("severity")), instant(row, "deadline"),
                        instant(row, "stopped_at")), strings(row.getArray("services"))));
    }

    /** Every service named by an incident declared in [from, to), in Java's string order. */
    public List<String> servicesNamed(Instant from, Instant to) {
        return new ArrayList<>(new TreeSet<>(jdbc.queryForList("SELECT DISTINCT unnest(services) FROM " + tables.sla()
                + " WHERE declared_at >= ? AND declared_at < ?", String.class, Timestamp.from(from), Timestamp.from(to))));
    }

    /** The condition keeping the incidents that name {@code service} (none when null), its parameter added. */
    private static String naming(String service, MapSqlParameterSource parameters) {
        if (service == null) {
            return "";
        }
        parameters.addValue("service", service);
        return " AND :service = ANY(services)";
    }

    /** The breaches of {@code rows} (in row order, each row's acknowledge clock first) after {@code after}, at most {@code limit}. */
    private static BreachPage page(List<BreachedRow> rows, String view, BreachCursor after, int limit) {
        List<Breach> items = new ArrayList<>();
        BreachCursor last = null;
        for (BreachedRow row : rows) {
            for (Breach breach : row.breaches(view)) {
                BreachCursor place = new BreachCursor(row.declaredAt(), row.incidentId(), breach.clock());
                if (after != null && !isAfter(place, after)) {
                    continue;
                }
                if (items.size() == limit) {
                    return new BreachPage(items, last);
                }
                items.add(breach);
                last = place;
            }
        }
        return new BreachPage(items, null);
    }

    private static boolean isAfter(BreachCursor place, BreachCursor after) {
        int byTime = place.declaredAt().compareTo(after.declaredAt());
        if (byTime != 0) {
            return byTime > 0;
        }
        int byId = place.incidentId().compareTo(after.incidentId());
        return byId != 0 ? byId > 0 : place.clock().compareTo(after.clock()) > 0;
    }

    /** An incident of the period with at least one breached clock, as read for a list of breaches. */
    private record BreachedRow(String incidentId, String title, Instant declaredAt, Severity declared, Severity highest,
                               Instant ackDeadline, Instant ackStoppedAt, boolean ackBreached,
                               Instant resolveDeadline, Instant resolvedAt, boolean resolveBreached) {

        static BreachedRow of(ResultSet row) throws SQLException {
            return new BreachedRow(row.getString("incident_id"), row.getString("title"), instant(row, "declared_at"),
                    Severity.valueOf(row.getString("severity_declared")), Severity.valueOf(row.getString("severity_highest")),
                    instant(row, "ack_deadline"), instant(row, "ack_stopped_at"), "BREACHED".equals(row.getString("ack_verdict")),
                    instant(row, "resolve_deadline"), instant(row, "resolved_at"), "BREACHED".equals(row.getString("resolve_verdict")));
        }

        /** Its breached clocks in the report's order, named with the level the view lists it under. */
        List<Breach> breaches(String view) {
            Severity level = view.equals("highest") ? highest : declared;
            List<Breach> breaches = new ArrayList<>(2);
            if (ackBreached) {
                breaches.add(Breach.of(incidentId, title, Breach.ACKNOWLEDGE, level, ackDeadline, ackStoppedAt));
            }
            if (resolveBreached) {
                breaches.add(Breach.of(incidentId, title, Breach.RESOLVE, level, resolveDeadline, resolvedAt));
            }
            return breaches;
        }
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
     * The period's rows (narrowed by {@code where}) with each clock's deadline under the policy
     * and its verdict at :now, as {@link SlaFacts#judge}: the earliest of (level first set + its
     * target) over the levels set while the clock ran (the level at declaration from detection,
     * as the facts row holds it); met when it stopped at or before it; a running clock is breached
     * once :now is past it. TTA and TTR come from detection too ({@link SlaFacts#tta}). The period
     * still selects by declaration. A subquery, not a CTE, so that the planner
     * can read a group's rows through an index and stop at a LIMIT.
     */
    private String judgedRows(String where) {
        return "SELECT incident_id, title, services, declared_at, severity_declared, severity_highest, tta_seconds AS tta,"
                + " ttr_seconds AS ttr, ack_stopped_at, resolved_at, ack_deadline, resolve_deadline, "
                + verdict("ack_stopped_at", "ack_deadline") + " AS ack_verdict, " + verdict("resolved_at", "resolve_deadline")
                + " AS resolve_verdict FROM (SELECT " + tables.sla() + ".*, " + deadline("ack") + " AS ack_deadline, "
                + deadline("resolve") + " AS resolve_deadline FROM " + tables.sla()
                + " WHERE declared_at >= :from AND declared_at < :to" + where + ") deadlines";
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
                + " percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY " + duration + ") AS " + duration + "_percentiles,"
                + " max(" + duration + ") AS " + duration + "_max";
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
            Long[] percentiles = (Long[]) row.getArray(duration + "_percentiles").getArray();
            return new DurationStats(count, mean.doubleValue(), percentiles[0], percentiles[1], row.getLong(duration + "_max"));
        }
    }
}
