package io.incidents.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * History for workload {@code store-growth}: millions of events written straight into
 * incident-service's event store ({@code domain_event_entry}) by PostgreSQL itself, since the
 * command API would take days for ten million. The rows look like the store's own:
 * <ul>
 *   <li>each seeded incident is a copy of the events of one of the store's most recently resolved
 *       incidents (its payloads, metadata and sequence numbers), under a new random UUID, so the aggregate
 *       index grows the way real declarations make it grow; each event's id is a UUID too, its
 *       incident's with the sequence number in the last digits, so event ids are spread over the
 *       whole key range as real events' random ones are, yet can be written in order with their
 *       incidents';</li>
 *   <li>each incident gets the relay's record of having been published ({@code relay_progress}),
 *       as history the relay published long ago has.</li>
 * </ul>
 * The one difference: their global indexes are negative, below every position the relay and its
 * reconciler will ever read, so this history is never published to Kafka again (a store's old
 * history was published when it was written). Nothing else in incident-service reads events by
 * position. {@link #remove} finds them by that sign and leaves the store compact again.
 */
final class EventStoreSeeder {

    private static final String DATABASE = "incident_service";
    /** Only whole lifecycles are copied: incidents under way would make the history's incidents too short. */
    static final String RESOLVED = "io.incidents.events.IncidentResolved";
    /** The most recently resolved incidents, whose events are copied in turn. */
    private static final int TEMPLATE_INCIDENTS = 20;
    /**
     * Incidents per statement. Each statement inserts its rows in the order of their keys: inserted
     * in random order, ten million random keys make the indexes outgrow PostgreSQL's buffers long
     * before the end, and every row then costs a random page read and write in each index (the
     * seeding slowed down threefold as it went). About 600,000 events at three per incident, whose
     * sort fits the statement's memory.
     */
    private static final int INCIDENTS_PER_STATEMENT = 200_000;

    /** Connections writing at once: PostgreSQL runs each statement on one core. */
    private static final int WRITERS = 2;
    /**
     * One statement's incidents and events: {@code n % lifecycles} picks the copied incident, the
     * rows are sorted by key, and the relay's records are written in the same statement.
     */
    private static final String INSERT = """
            WITH incident AS MATERIALIZED (
                SELECT n % ? AS lifecycle, gen_random_uuid()::text AS id FROM generate_series(?, ?) n
            ), recorded AS (
                INSERT INTO relay_progress (aggregate_identifier, first_sequence, max_sequence, published_count)
                SELECT incident.id, 0, l.max_sequence, l.max_sequence + 1
                FROM incident JOIN bench_lifecycle l USING (lifecycle)
                ORDER BY incident.id
            )
            INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                                            time_stamp, payload_type, payload_revision, payload, meta_data)
            SELECT -(? + row_number() OVER (ORDER BY incident.id, t.sequence_number)),
                   left(incident.id, 24) || lpad(to_hex(t.sequence_number), 12, '0'), incident.id, t.sequence_number,
                   t.type, t.time_stamp, t.payload_type, t.payload_revision, t.payload, t.meta_data
            FROM incident JOIN bench_template t USING (lifecycle)
            ORDER BY incident.id, t.sequence_number""";

    private final String postgres;

    private final int incidentsPerStatement;

    EventStoreSeeder(String postgres) {
        this(postgres, INCIDENTS_PER_STATEMENT);
    }

    /** @param incidentsPerStatement a test's small number, so that a few hundred incidents take several statements */
    EventStoreSeeder(String postgres, int incidentsPerStatement) {
        this.postgres = postgres;
        this.incidentsPerStatement = incidentsPerStatement;
    }

    /**
     * Adds at least {@code events} events of whole incidents and leaves the store vacuumed and
     * analysed, its dirty pages written: the measurement after it sees a store at rest, not the
     * seeding's aftermath (autovacuum working through ten million new rows).
     *
     * @return how many events were added
     */
    long seed(long events) throws SQLException, InterruptedException {
        remove();
        List<String> copied = rows("SELECT aggregate_identifier FROM domain_event_entry WHERE global_index > 0 AND payload_type = '"
                + RESOLVED + "' ORDER BY global_index DESC LIMIT " + TEMPLATE_INCIDENTS);
        if (copied.isEmpty()) {
            throw new BenchFailure("store-growth: the event store holds no resolved incident to copy");
        }
        long lifecycles = copied.size();
        String templates = "'{" + String.join(",", copied) + "}'";
        long copiedEvents = Long.parseLong(rows("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ANY("
                + templates + ")").get(0));
        long mostEvents = Long.parseLong(rows("SELECT max(n) FROM (SELECT count(*) AS n FROM domain_event_entry"
                + " WHERE aggregate_identifier = ANY(" + templates + ") GROUP BY aggregate_identifier) per_incident").get(0));
        long incidents = (long) Math.ceil(events / ((double) copiedEvents / lifecycles));
        int statements = (int) ((incidents + incidentsPerStatement - 1) / incidentsPerStatement);
        AtomicInteger nextStatement = new AtomicInteger();
        AtomicLong added = new AtomicLong();
        Parallel.run(WRITERS, () -> {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                prepareTemplates(statement, templates);
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    for (int k = nextStatement.getAndIncrement(); k < statements; k = nextStatement.getAndIncrement()) {
                        long first = (long) k * incidentsPerStatement;
                        insert.setLong(1, lifecycles);
                        insert.setLong(2, first);
                        insert.setLong(3, Math.min(incidents, first + incidentsPerStatement) - 1);
                        // Positions -(base + 1) down to -(base + rows): no two statements' ranges meet.
                        insert.setLong(4, first * mostEvents);
                        Console.say("store-growth: %,d of %,d events written", added.addAndGet(insert.executeUpdate()), events);
                    }
                }
            }
        });
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE domain_event_entry, relay_progress");
            statement.execute("CHECKPOINT");
        }
        return added.get();
    }

    /** The copied incidents' events, numbered by incident (lifecycle 0, 1, ...) the same way on every connection. */
    private static void prepareTemplates(Statement statement, String templates) throws SQLException {
        statement.execute("""
                CREATE TEMP TABLE bench_template AS
                SELECT dense_rank() OVER (ORDER BY aggregate_identifier) - 1 AS lifecycle, sequence_number, type,
                       time_stamp, payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ANY(%s)""".formatted(templates));
        statement.execute("""
                CREATE TEMP TABLE bench_lifecycle AS
                SELECT lifecycle, max(sequence_number) AS max_sequence FROM bench_template GROUP BY lifecycle""");
        // Each statement's rows sorted in memory (see INCIDENTS_PER_STATEMENT).
        statement.execute("SET work_mem = '1GB'");
    }

    /** How many events the store holds (the seeded ones included), from the planner's statistics. */
    long storedEvents() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return single(statement, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'domain_event_entry'");
        }
    }

    /** Takes the seeded events and their records out again and rewrites the tables compact: the store as it was. */
    void remove() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            if (single(statement, "SELECT count(*) FROM (SELECT 1 FROM domain_event_entry WHERE global_index < 0 LIMIT 1) seeded") == 0) {
                return;
            }
            statement.execute("""
                    DELETE FROM relay_progress r USING domain_event_entry e
                    WHERE e.global_index < 0 AND e.sequence_number = 0 AND r.aggregate_identifier = e.aggregate_identifier""");
            statement.execute("DELETE FROM domain_event_entry WHERE global_index < 0");
            statement.execute("VACUUM FULL ANALYZE domain_event_entry, relay_progress");
            statement.execute("CHECKPOINT");
        }
    }

    private List<String> rows(String query) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(StackPostgres.urlForLongStatements(postgres, DATABASE));
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
