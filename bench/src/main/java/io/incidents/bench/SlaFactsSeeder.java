package io.incidents.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * A quarter of incidents written straight into timeline-service's {@code incident_sla} table with
 * COPY: the rows its projection keeps (one per incident), which are all an SLA report reads. A
 * million incidents through the command API would take hours at the rate command-throughput
 * measures; this takes seconds. Every row's id starts with {@link #PREFIX}, and {@link #remove}
 * takes them out again. The mix is a plausible one (mostly SEV3 and SEV4, most clocks met, a few
 * raises, a few still open), drawn from a fixed seed so every run reports over the same rows.
 */
final class SlaFactsSeeder {

    static final String PREFIX = "bench-sla-";
    private static final String DATABASE = "timeline_service";
    private static final String[] LEVELS = {"SEV1", "SEV2", "SEV3", "SEV4"};
    /** The plan's targets in minutes (SPEC 4), so that the rows meet or breach them as real incidents would. */
    private static final long[] ACK_MINUTES = {5, 15, 30, 60};
    private static final long[] RESOLVE_MINUTES = {60, 240, 480, 1440};
    private static final int ROWS_PER_COPY = 20_000;

    private final String postgres;

    SlaFactsSeeder(String postgres) {
        this.postgres = postgres;
    }

    /** Replaces the bench's rows by {@code count} incidents declared in [from, from + period). */
    void seed(int count, Instant from, Duration period) throws SQLException {
        remove();
        Random random = new Random(42);
        try (Connection connection = DriverManager.getConnection(StackPostgres.url(postgres, DATABASE))) {
            String copy = "COPY incident_sla (incident_id, title, services, declared_at, severity_declared, severity_highest,"
                    + " severity_current, ack_sev1_from, ack_sev2_from, ack_sev3_from, ack_sev4_from, resolve_sev1_from,"
                    + " resolve_sev2_from, resolve_sev3_from, resolve_sev4_from, ack_stopped_at, resolved_at, first_ack_at,"
                    + " first_mitigation_at) FROM STDIN WITH (FORMAT csv)";
            for (int start = 0; start < count; start += ROWS_PER_COPY) {
                StringBuilder rows = new StringBuilder();
                for (int n = start; n < Math.min(count, start + ROWS_PER_COPY); n++) {
                    row(rows, n, from.plusSeconds((long) (random.nextDouble() * period.toSeconds())), random);
                }
                CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                in.endCopy();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE incident_sla");
            }
        }
    }

    void remove() throws SQLException {
        try (Connection connection = DriverManager.getConnection(StackPostgres.url(postgres, DATABASE));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM incident_sla WHERE incident_id LIKE '" + PREFIX + "%'");
        }
    }

    private static void row(StringBuilder rows, int n, Instant declaredAt, Random random) {
        double draw = random.nextDouble();
        int declared = draw < 0.03 ? 0 : draw < 0.18 ? 1 : draw < 0.63 ? 2 : 3;
        // One in twenty is raised one level soon after it was declared.
        int highest = declared > 0 && random.nextDouble() < 0.05 ? declared - 1 : declared;
        Instant raisedAt = declaredAt.plusSeconds(60 + random.nextInt(3600));
        Instant ack = random.nextDouble() < 0.96 ? after(declaredAt, ACK_MINUTES[declared] * 60 * 0.5, random) : null;
        Instant resolved = random.nextDouble() < 0.97
                ? after(ack == null ? declaredAt : ack, RESOLVE_MINUTES[declared] * 60 * 0.4, random) : null;
        Instant ackStopped = ack != null ? ack : resolved;
        Instant[] ackFrom = new Instant[4];
        Instant[] resolveFrom = new Instant[4];
        ackFrom[declared] = declaredAt;
        resolveFrom[declared] = declaredAt;
        if (highest != declared) {
            if (ackStopped == null || raisedAt.isBefore(ackStopped)) {
                ackFrom[highest] = raisedAt;
            }
            if (resolved == null || raisedAt.isBefore(resolved)) {
                resolveFrom[highest] = raisedAt;
            }
        }
        rows.append(PREFIX).append(n).append(",Bench SLA incident ").append(n).append(",\"{service-")
                .append(random.nextInt(30)).append(random.nextInt(4) == 0 ? ",service-" + random.nextInt(30) : "").append("}\",")
                .append(declaredAt).append(',').append(LEVELS[declared]).append(',').append(LEVELS[highest]).append(',')
                .append(LEVELS[highest]);
        for (Instant from : ackFrom) {
            rows.append(',').append(from == null ? "" : from);
        }
        for (Instant from : resolveFrom) {
            rows.append(',').append(from == null ? "" : from);
        }
        Instant mitigated = resolved != null && random.nextDouble() < 0.2 ? resolved.minusSeconds(random.nextInt(600)) : null;
        for (Instant at : new Instant[]{ackStopped, resolved, ack, mitigated}) {
            rows.append(',').append(at == null ? "" : at);
        }
        rows.append('\n');
    }

    /** An exponentially distributed time after {@code start}, of mean {@code meanSeconds}. */
    private static Instant after(Instant start, double meanSeconds, Random random) {
        return start.plusSeconds((long) (-meanSeconds * Math.log(1 - random.nextDouble())));
    }
}
