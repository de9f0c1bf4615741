package io.incidents.bench;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each incident first became visible in timeline-service: it tells every instance about a
 * change with PostgreSQL's {@code NOTIFY incident_changes, '<incident id>'} in the transaction
 * that applied the event, so the notification arrives once the new state is readable. This
 * listens on the stack's {@code timeline_service} database and keeps the first moment per
 * incident.
 */
final class IncidentVisibility implements AutoCloseable {

    private static final String CHANNEL = "incident_changes";

    private final Connection connection;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean open = true;
    private volatile SQLException failure;

    private IncidentVisibility(Connection connection) {
        this.connection = connection;
        this.listener = new Thread(this::listen, "bench-visibility");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    /** @param postgres host:port of the stack's PostgreSQL */
    static IncidentVisibility listen(String postgres) {
        try {
            Connection connection = DriverManager.getConnection(StackPostgres.url(postgres, "timeline_service"));
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            return new IncidentVisibility(connection);
        } catch (SQLException e) {
            throw new BenchFailure("could not listen to timeline-service's changes on " + postgres + ": " + e.getMessage(), e);
        }
    }

    private void listen() {
        try {
            PGConnection notifications = connection.unwrap(PGConnection.class);
            while (open) {
                PGNotification[] received = notifications.getNotifications(200);
                Instant now = Instant.now();
                if (received != null) {
                    for (PGNotification notification : received) {
                        firstSeen.putIfAbsent(notification.getParameter(), now);
                    }
                }
            }
        } catch (SQLException e) {
            if (open) {
                failure = e;
            }
        }
    }

    /** When the incident was first seen changed; null if not yet. */
    Instant firstSeen(String incidentId) {
        if (failure != null) {
            throw new BenchFailure("lost the connection listening to timeline-service's changes: " + failure.getMessage(),
                    failure);
        }
        return firstSeen.get(incidentId);
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        listener.join(2_000);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // only listened: nothing to lose
        }
    }
}
