package io.incidents.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * command-throughput's baseline: what a command costs a database at least. Each command is one
 * transaction with one read (the aggregate's last sequence number) and one insert of an event
 * about the size the service stores, on the same PostgreSQL, in a database of the bench's own
 * ({@value #DATABASE}, created once), one connection per client as a connection pool would give.
 */
final class PlainJdbcCommands implements AutoCloseable {

    static final String DATABASE = "bench_baseline";
    /** About a stored incident event: a JSON payload with its metadata. */
    private static final String PAYLOAD = "{\"incidentId\":\"" + UUID.randomUUID() + "\",\"title\":\"Bench lifecycle\","
            + "\"description\":\"Declared, acknowledged and resolved by ./stack bench\",\"severity\":\"SEV4\","
            + "\"services\":[\"bench\"],\"by\":\"bench command-throughput\",\"at\":\"2026-11-27T00:00:00Z\","
            + "\"metadata\":{\"traceId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\"" + UUID.randomUUID() + "\"}}";

    private final Connection[] connections;
    private final PreparedStatement[] reads;
    private final PreparedStatement[] inserts;
    private final String[] aggregate;
    private final long[] sequence;

    private PlainJdbcCommands(Connection[] connections) throws SQLException {
        this.connections = connections;
        this.reads = new PreparedStatement[connections.length];
        this.inserts = new PreparedStatement[connections.length];
        this.aggregate = new String[connections.length];
        this.sequence = new long[connections.length];
        for (int client = 0; client < connections.length; client++) {
            connections[client].setAutoCommit(false);
            reads[client] = connections[client].prepareStatement(
                    "SELECT max(seq) FROM baseline_event WHERE aggregate_id = ?");
            inserts[client] = connections[client].prepareStatement(
                    "INSERT INTO baseline_event (aggregate_id, seq, payload) VALUES (?, ?, ?)");
        }
    }

    /** Connects {@code clients} times to the bench's database on {@code postgres} (host:port), creating it first if need be. */
    static PlainJdbcCommands connect(String postgres, int clients) {
        try {
            try (Connection admin = DriverManager.getConnection(StackPostgres.url(postgres, "postgres"));
                 Statement create = admin.createStatement()) {
                try (ResultSet exists = create.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                    if (!exists.next()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
            Connection[] connections = new Connection[clients];
            for (int client = 0; client < clients; client++) {
                connections[client] = DriverManager.getConnection(StackPostgres.url(postgres, DATABASE));
            }
            try (Statement schema = connections[0].createStatement()) {
                schema.execute("CREATE TABLE IF NOT EXISTS baseline_event (aggregate_id TEXT NOT NULL, seq BIGINT NOT NULL,"
                        + " payload TEXT NOT NULL, PRIMARY KEY (aggregate_id, seq))");
            }
            return new PlainJdbcCommands(connections);
        } catch (SQLException e) {
            throw new BenchFailure("the plain JDBC baseline could not connect to " + postgres + ": " + e.getMessage(), e);
        }
    }

    /** One command of {@code client}: every third starts a new aggregate, as a lifecycle of three commands does. */
    void command(int client) {
        try {
            if (sequence[client] % 3 == 0) {
                aggregate[client] = UUID.randomUUID().toString();
            }
            reads[client].setString(1, aggregate[client]);
            try (ResultSet last = reads[client].executeQuery()) {
                last.next();
            }
            inserts[client].setString(1, aggregate[client]);
            inserts[client].setLong(2, sequence[client]++);
            inserts[client].setString(3, PAYLOAD);
            inserts[client].executeUpdate();
            connections[client].commit();
        } catch (SQLException e) {
            throw new BenchFailure("the plain JDBC baseline failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing: nothing left to measure
            }
        }
    }
}
