package io.incidents.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seeder on a real PostgreSQL holding incident-service's own schema (its Flyway migrations, applied in order). */
class EventStoreSeederTest {

    private static final Path MIGRATIONS = Path.of("..", "incident-service", "src", "main", "resources", "db", "migration");

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void freshSchema() throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS incident_service");
            statement.execute("CREATE DATABASE incident_service");
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.sorted(Comparator.comparingInt(EventStoreSeederTest::version)).toList()) {
                statement.execute(Files.readString(migration));
            }
        }
    }

    @Test
    void seedsWholePublishedIncidentsBelowEveryPositionTheRelayReadsAndRemovesThemAgain() throws Exception {
        storeIncident("incident-a", 3);
        storeIncident("incident-b", 2);
        List<String> before = rows("SELECT global_index || ' ' || aggregate_identifier || ' ' || sequence_number"
                + " FROM domain_event_entry ORDER BY global_index");
        // 334 incidents in statements of 50: seven statements, shared by the seeder's writers.
        EventStoreSeeder seeder = new EventStoreSeeder("127.0.0.1:" + postgres.getPort(), 50);

        long added = seeder.seed(1_000);

        assertThat(added).isEqualTo(1_002L); // whole incidents of 3 events: only incident-a is resolved
        assertThat(single("SELECT count(*) FROM domain_event_entry WHERE global_index < 0")).isEqualTo(added);
        assertThat(single("SELECT max(global_index) FROM domain_event_entry")).isEqualTo(5); // nothing for the relay to read
        assertThat(single("SELECT count(DISTINCT event_identifier) FROM domain_event_entry")).isEqualTo(added + 5);
        // Each seeded incident is one of the stored incidents' event lists, from sequence number 0 with no hole.
        assertThat(rows("""
                SELECT count(*) || ' events, ' || string_agg(payload_type, ',' ORDER BY sequence_number)
                FROM domain_event_entry WHERE global_index < 0
                GROUP BY aggregate_identifier HAVING max(sequence_number) = count(*) - 1""").stream().distinct().sorted())
                .containsExactly("3 events, IncidentDeclared,IncidentAcknowledged," + EventStoreSeeder.RESOLVED);
        assertThat(single("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry WHERE global_index < 0"))
                .isEqualTo(single("SELECT count(*) FROM relay_progress") - 2);
        // Each recorded as completely published, so the reconciler finds nothing to send again.
        assertThat(single("""
                SELECT count(*) FROM relay_progress r
                JOIN (SELECT aggregate_identifier, max(sequence_number) AS max_sequence FROM domain_event_entry
                      GROUP BY aggregate_identifier) e USING (aggregate_identifier)
                WHERE r.max_sequence = e.max_sequence AND r.published_count = e.max_sequence + 1""")).isEqualTo(
                single("SELECT count(*) FROM relay_progress"));

        seeder.remove();

        assertThat(rows("SELECT global_index || ' ' || aggregate_identifier || ' ' || sequence_number"
                + " FROM domain_event_entry ORDER BY global_index")).isEqualTo(before);
        assertThat(rows("SELECT aggregate_identifier FROM relay_progress ORDER BY 1")).containsExactly("incident-a", "incident-b");
    }

    @Test
    void refusesAStoreWithNoResolvedIncidentToCopy() throws Exception {
        storeIncident("incident-under-way", 2);

        EventStoreSeeder seeder = new EventStoreSeeder("127.0.0.1:" + postgres.getPort());

        assertThatThrownBy(() -> seeder.seed(10)).isInstanceOf(BenchFailure.class).hasMessageContaining("no resolved incident to copy");
    }

    /**
     * An incident's events as the relay leaves them: stored at the next positions, recorded as
     * published. Three events make a resolved incident, two one still under way.
     */
    private static void storeIncident(String id, int events) throws SQLException {
        String[] types = events == 3 ? new String[]{"IncidentDeclared", "IncidentAcknowledged", EventStoreSeeder.RESOLVED}
                : new String[]{"IncidentDeclared", "IncidentAcknowledged"};
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int sequence = 0; sequence < events; sequence++) {
                statement.execute("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload, meta_data) VALUES (gen_random_uuid()::text, '" + id + "', " + sequence
                        + ", 'Incident', '2026-11-27T00:00:00Z', '" + types[sequence] + "', '\\x7b7d', '\\x7b7d')");
            }
            statement.execute("INSERT INTO relay_progress VALUES ('" + id + "', 0, " + (events - 1) + ", " + events + ")");
        }
    }

    private static long single(String query) throws SQLException {
        List<String> rows = rows(query);
        assertThat(rows).hasSize(1);
        return Long.parseLong(rows.get(0));
    }

    private static List<String> rows(String query) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(StackPostgres.url("127.0.0.1:" + postgres.getPort(), "incident_service"));
    }

    /** V7__relay_reconciliation.sql is version 7. */
    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
