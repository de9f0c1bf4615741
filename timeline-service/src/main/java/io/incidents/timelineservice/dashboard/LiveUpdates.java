package io.incidents.timelineservice.dashboard;

import io.incidents.timelineservice.ledger.IncidentChanges;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pushes "this incident changed" to every open dashboard over server-sent events. The news comes
 * from PostgreSQL ({@link IncidentChanges}), on a connection of its own that stays out of the
 * pool; if that connection drops, the dashboards are told to fetch everything again once it is
 * back, since changes may have gone by unseen.
 */
@Component
public class LiveUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** What a browser waits before reconnecting after the stream ends (a restart, a network blip). */
    private static final long RECONNECT_MILLIS = 1500;
    private static final int HEARTBEAT_MILLIS = 15_000;

    private final DataSourceProperties database;
    private final DashboardProperties properties;
    private final CopyOnWriteArrayList<SseEmitter> streams = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile Thread listener;

    LiveUpdates(DataSourceProperties database, DashboardProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /** A new stream; its first message says it is live, so the page can light its connection lamp. */
    public SseEmitter subscribe() {
        SseEmitter stream = new SseEmitter(properties.streamTimeout().toMillis());
        if (!running) {
            // Shutting down: a browser reconnecting now must not hold the graceful shutdown open.
            stream.complete();
            return stream;
        }
        streams.add(stream);
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> streams.remove(stream));
        stream.onError(error -> streams.remove(stream));
        send(stream, SseEmitter.event().name("hello").data("live").reconnectTime(RECONNECT_MILLIS));
        return stream;
    }

    public int openStreams() {
        return streams.size();
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "dashboard-live-updates");
        thread.setDaemon(true);
        thread.start();
        listener = thread;
    }

    private void listen() {
        boolean reconnecting = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.determineUrl(),
                    database.determineUsername(), database.determinePassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + IncidentChanges.CHANNEL);
                if (reconnecting) {
                    log.info("Live updates are back");
                    broadcast("resync", IncidentChanges.EVERYTHING);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = notifications.getNotifications(HEARTBEAT_MILLIS);
                    if (batch == null || batch.length == 0) {
                        // Keeps idle streams open through proxies, and finds those whose browser went away.
                        streams.forEach(stream -> send(stream, SseEmitter.event().comment("keep-alive")));
                        continue;
                    }
                    for (PGNotification notification : batch) {
                        String incidentId = notification.getParameter();
                        broadcast(IncidentChanges.EVERYTHING.equals(incidentId) ? "resync" : "change", incidentId);
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("Live updates lost their database connection, retrying in 2 s: {}", e.toString());
                reconnecting = true;
                sleep(2000);
            }
        }
    }

    private void broadcast(String name, String data) {
        streams.forEach(stream -> send(stream, SseEmitter.event().name(name).data(data)));
    }

    private void send(SseEmitter stream, SseEmitter.SseEventBuilder event) {
        try {
            stream.send(event);
        } catch (IOException | IllegalStateException e) {
            streams.remove(stream);
            stream.completeWithError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends every stream first of all (this stops in the highest phase, before the web server's
     * graceful shutdown), so open dashboards do not hold the shutdown for its whole grace period;
     * browsers reconnect to another instance, or to this one once it is back.
     */
    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
