package io.incidents.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * History for workload {@code store-growth}: millions of events written straight into
 * incident-service's event store ({@code domain_event_entry}) by PostgreSQL itself, since the
 * command API would take days for ten million. The rows look like the store's own:
 * <ul>
 *   <li>each seeded incident is a copy of the events of one of the store's most recent incidents
 *       (its payloads, metadata and sequence numbers), under a new random UUID, so the aggregate
 *       index grows the way real declarations make it grow, and each event has a random UUID of its
 *       own as real events do;</li>
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
    /** The most recent incidents whose events are copied, in turn. */
    private static final int TEMPLATE_INCIDENTS = 20;
    /** Incidents per statement: about a million events at three per incident, a few seconds each. */
    private static final int INCIDENTS_PER_STATEMENT = 300_000;

    private final String postgres;

    EventStoreSeeder(String postgres) {
        this.postgres = postgres;
    }

    /**
     * Adds at least {@code events} events of whole incidents and leaves the store vacuumed and
     * analysed, its dirty pages written: the measurement after it sees a store at rest, not the
     * seeding's aftermath (autovacuum working through ten million new rows).
     *
     * @return how many events were added
     */
    long seed(long events) throws SQLException {
        remove();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TEMP TABLE bench_template AS
                    SELECT dense_rank() OVER (ORDER BY e.aggregate_identifier) - 1 AS lifecycle, e.sequence_number, e.type,
                           e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data
                    FROM domain_event_entry e
                    WHERE e.aggregate_identifier IN (SELECT aggregate_identifier FROM domain_event_entry
                                                     WHERE global_index > 0 AND sequence_number = 0
                                                     ORDER BY global_index DESC LIMIT %d)""".formatted(TEMPLATE_INCIDENTS));
            statement.execute("""
                    CREATE TEMP TABLE bench_lifecycle AS
                    SELECT lifecycle, count(*) AS events, max(sequence_number) AS max_sequence FROM bench_template GROUP BY lifecycle""");
            statement.execute("CREATE TEMP SEQUENCE bench_position");
            long lifecycles = single(statement, "SELECT count(*) FROM bench_lifecycle");
            if (lifecycles == 0) {
                throw new BenchFailure("store-growth: the event store holds no incident to copy");
            }
            double eventsPerIncident = (double) single(statement, "SELECT sum(events) FROM bench_lifecycle") / lifecycles;
            long incidents = (long) Math.ceil(events / eventsPerIncident);
            try (PreparedStatement insert = connection.prepareStatement("""
                    WITH incident AS (
                        SELECT n % ? AS lifecycle, gen_random_uuid()::text AS id FROM generate_series(?, ?) n
                    ), recorded AS (
                        INSERT INTO relay_progress (aggregate_identifier, first_sequence, max_sequence, published_count)
                        SELECT incident.id, 0, l.max_sequence, l.max_sequence + 1
                        FROM incident JOIN bench_lifecycle l USING (lifecycle)
                    )
                    INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                                                    time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT -nextval('bench_position'), gen_random_uuid()::text, incident.id, t.sequence_number, t.type,
                           t.time_stamp, t.payload_type, t.payload_revision, t.payload, t.meta_data
                    FROM incident JOIN bench_template t USING (lifecycle)""")) {
                long added = 0;
                for (long first = 0; first < incidents; first += INCIDENTS_PER_STATEMENT) {
                    insert.setLong(1, lifecycles);
                    insert.setLong(2, first);
                    insert.setLong(3, Math.min(incidents, first + INCIDENTS_PER_STATEMENT) - 1);
                    added += insert.executeUpdate();
                    Console.say("store-growth: %,d of %,d events written", added, events);
                }
                statement.execute("VACUUM ANALYZE domain_event_entry, relay_progress");
                statement.execute("CHECKPOINT");
                return added;
            }
        }
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
