package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The per-severity SLA report over a quarter (issue "Performance", workload 6): 1,000,000
 * incidents in the full run, 100,000 in the quick one ({@link SlaFactsSeeder}), reported through
 * {@code GET /api/v1/sla} one request after the other. Baseline: the bare scan of the same
 * rows, a {@code count(*)} over the quarter from the same PostgreSQL, so the ratio says what the
 * report costs beyond reading its rows. Then a what-if over the same quarter, timed whole.
 * Goals: report p99 < 200 ms; what-if < 10 s (bounded memory: it is the same query).
 */
final class SlaReportWorkload implements Workload {

    private static final String NAME = "sla-report";
    private static final String WHAT_IF = "sla-what-if";
    private static final Instant FROM = Instant.parse("2001-01-01T00:00:00Z");
    private static final Duration QUARTER = Duration.ofDays(90);
    private static final int CLIENTS = 1;

    private final Http http;
    private final Targets targets;

    SlaReportWorkload(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return new Goal("report p99 < 200 ms, what-if < 10 s", result -> result.name().equals(WHAT_IF)
                ? result.value() < 10 : result.p99() != null && result.p99() < 200);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        int incidents = profile.isQuick() ? 100_000 : 1_000_000;
        SlaFactsSeeder seeder = new SlaFactsSeeder(targets.postgres());
        Instant to = FROM.plus(QUARTER);
        try {
            long started = System.nanoTime();
            seeder.seed(incidents, FROM, QUARTER);
            Console.say("%s: %d incidents' SLA rows written in %d s", NAME, incidents, (System.nanoTime() - started) / 1_000_000_000L);
            URI report = targets.timelineService().resolve("/api/v1/sla?groupBy=severity&from=" + FROM + "&to=" + to);
            HttpRequest measured = Http.get(report, BasicLogin.VIEWER);
            checkCounts(http.expect(200, measured), incidents);
            try (RowScan scan = new RowScan(targets.postgres(), FROM, to);
                 ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
                AlternatingComparison.Outcome outcome = new AlternatingComparison(NAME, load)
                        .run(AlternatingComparison.Side.of(client -> scan.count()), AlternatingComparison.Side.of(measured), profile);
                WorkloadResult result = WorkloadResult.latency(NAME, outcome.measured().latencies().percentileMillis(99),
                        outcome.baseline().latencies().percentileMillis(99), outcome.measured().latencies());
                return List.of(result, whatIf(to, incidents));
            }
        } catch (SQLException e) {
            throw new BenchFailure(NAME + ": the stack's PostgreSQL: " + e.getMessage());
        } finally {
            try {
                seeder.remove();
            } catch (SQLException e) {
                Console.say("%s: could not remove the seeded rows: %s", NAME, e.getMessage());
            }
        }
    }

    /** The slowest of three what-ifs (stricter SEV2 and SEV3 targets) over the same quarter, in seconds. */
    private WorkloadResult whatIf(Instant to, int incidents) throws InterruptedException {
        String body = "{\"from\":\"" + FROM + "\",\"to\":\"" + to + "\",\"targets\":{\"SEV2\":{\"acknowledgeWithin\":\"PT10M\"},"
                + "\"SEV3\":{\"acknowledgeWithin\":\"PT20M\",\"resolveWithin\":\"PT6H\"}}}";
        HttpRequest request = Http.postJson(targets.timelineService().resolve("/api/v1/sla/what-if"), BasicLogin.VIEWER, body);
        double slowest = 0;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            checkCounts(http.expect(200, request), incidents);
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1e9);
        }
        Console.say("%s: slowest of 3 what-ifs over %d incidents %.2f s", NAME, incidents, slowest);
        return WorkloadResult.single(WHAT_IF, slowest, "s");
    }

    /** The report must count every seeded incident, or its speed means nothing. */
    private static void checkCounts(JsonNode report, int incidents) {
        int counted = 0;
        for (JsonNode group : report.path("groups")) {
            counted += group.path("count").asInt();
        }
        if (counted != incidents) {
            throw new BenchFailure(NAME + ": the report counts " + counted + " incidents, " + incidents + " were seeded");
        }
    }

    /** The baseline: the quarter's rows counted, one statement per operation, on a connection kept open. */
    private static final class RowScan implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement count;

        RowScan(String postgres, Instant from, Instant to) throws SQLException {
            connection = DriverManager.getConnection(StackPostgres.url(postgres, "timeline_service"));
            count = connection.prepareStatement("SELECT count(*) FROM incident_sla WHERE declared_at >= ? AND declared_at < ?");
            count.setTimestamp(1, Timestamp.from(from));
            count.setTimestamp(2, Timestamp.from(to));
        }

        void count() {
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
            } catch (SQLException e) {
                throw new BenchFailure(NAME + ": the baseline's count failed: " + e.getMessage());
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
