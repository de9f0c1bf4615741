package io.incidents.timelineservice.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import io.incidents.timelineservice.ledger.IncidentChanges;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Tells every open dashboard page what changed, over server-sent events. The news comes from
 * PostgreSQL ({@link IncidentChanges}), on a connection of its own that stays out of the pool.
 * Changes are gathered for {@code incidents.dashboard.live-interval} and sent as one
 * {@code changes} event per page, rendered once per page by its {@link LiveView} (the board sends
 * the changed rows themselves, so an open page costs a write, not a request, per batch).
 * <p>
 * Each batch has a token (the event's id). A page says which it saw last, as {@code since} when it
 * opens the stream or as the browser's {@code Last-Event-ID} when it reconnects, and is sent what
 * it missed ({@link ChangeLog}), or {@code resync} (fetch everything) when that is not known: a
 * restart, a token too old, a lost database connection, a replay's table swap.
 */
@Component
public class LiveUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** What a browser waits before reconnecting after the stream ends (a restart, a network blip). */
    private static final long RECONNECT_MILLIS = 1500;
    private static final long HEARTBEAT_MILLIS = 15_000;

    /** Batches a page may fall behind by (about ten seconds' worth) before its stream is ended. */
    static final int MAX_BEHIND = 20;

    /**
     * One open page. Its events are written in order on a sender thread of its own while it has
     * any to write, never on the thread that relays changes: a browser that stops reading (a
     * laptop shut mid-stream) holds up nobody else. One that falls {@value #MAX_BEHIND} batches
     * behind is ended; the browser reconnects and is sent what it missed.
     */
    private final class Stream {

        final SseEmitter emitter;
        final LiveView view;
        private final Queue<SseEmitter.SseEventBuilder> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger behind = new AtomicInteger();
        private final AtomicBoolean writing = new AtomicBoolean();

        Stream(SseEmitter emitter, LiveView view) {
            this.emitter = emitter;
            this.view = view;
        }

        void send(SseEmitter.SseEventBuilder event) {
            if (behind.incrementAndGet() > MAX_BEHIND) {
                end(new IOException("the page fell " + MAX_BEHIND + " batches behind"));
                return;
            }
            waiting.add(event);
            if (writing.compareAndSet(false, true)) {
                senders.execute(this::write);
            }
        }

        private void write() {
            do {
                SseEmitter.SseEventBuilder event;
                while ((event = waiting.poll()) != null) {
                    behind.decrementAndGet();
                    try {
                        emitter.send(event);
                    } catch (IOException | IllegalStateException e) {
                        end(e);
                        return;
                    }
                }
                writing.set(false);
            } while (!waiting.isEmpty() && writing.compareAndSet(false, true));
        }

        void end(Exception why) {
            remove(this);
            waiting.clear();
            emitter.completeWithError(why);
        }
    }

    private final DataSourceProperties database;
    private final Properties driverProperties;
    private final DashboardProperties properties;
    private final ChangeLog changeLog = new ChangeLog(Long.toString(System.currentTimeMillis(), 36));
    /** Guarded by {@code this}, as is {@link #changeLog}: a page subscribes between two batches, never inside one. */
    private final List<Stream> streams = new ArrayList<>();
    private final List<Consumer<Changes>> beforeSending = new CopyOnWriteArrayList<>();
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-live-send");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;
    private volatile Thread listener;

    @Autowired
    LiveUpdates(DataSourceProperties database, DashboardProperties properties, DataSource pool) throws SQLException {
        this(database, properties, pool.isWrapperFor(HikariDataSource.class)
                ? pool.unwrap(HikariDataSource.class).getDataSourceProperties() : new Properties());
    }

    LiveUpdates(DataSourceProperties database, DashboardProperties properties) {
        this(database, properties, new Properties());
    }

    /**
     * @param driverProperties the pool's driver settings (its socket and connect timeouts), so the
     *                         listening connection, outside the pool, cannot hang on a stalled
     *                         database either
     */
    private LiveUpdates(DataSourceProperties database, DashboardProperties properties, Properties driverProperties) {
        this.database = database;
        this.properties = properties;
        this.driverProperties = new Properties();
        this.driverProperties.putAll(driverProperties);
    }

    /**
     * Has {@code listener} hear of each batch before any page does, on the thread that sends the
     * batches: what pages are sent may then read it (the board's open incidents, kept in memory).
     */
    public void beforeSending(Consumer<Changes> listener) {
        beforeSending.add(listener);
    }

    /** The token of the latest batch: a page drawn from what has heard of it has seen it. */
    public synchronized String current() {
        return changeLog.current();
    }

    /**
     * A new stream for a page. Its first event ({@code hello}) says it is live; then comes what the
     * page missed since the batch {@code since}, if anything.
     */
    public SseEmitter subscribe(LiveView view, String since) {
        SseEmitter emitter = newEmitter(properties.streamTimeout().toMillis());
        synchronized (this) {
            if (!running) {
                // Shutting down: a browser reconnecting now must not hold the graceful shutdown open.
                emitter.complete();
                return emitter;
            }
            Stream stream = new Stream(emitter, view);
            streams.add(stream);
            emitter.onCompletion(() -> remove(stream));
            emitter.onTimeout(() -> remove(stream));
            emitter.onError(error -> remove(stream));
            stream.send(SseEmitter.event().name("hello").data("live").reconnectTime(RECONNECT_MILLIS));
            Optional<Set<String>> missed = changeLog.missedSince(since);
            if (missed.isEmpty()) {
                stream.send(resync(changeLog.current()));
            } else if (!missed.get().isEmpty()) {
                send(stream, new Changes(changeLog.current(), missed.get(), false));
            }
        }
        return emitter;
    }

    SseEmitter newEmitter(long timeoutMillis) {
        return new SseEmitter(timeoutMillis);
    }

    public synchronized int openStreams() {
        return streams.size();
    }

    private synchronized void remove(Stream stream) {
        streams.remove(stream);
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
            try (Connection connection = DriverManager.getConnection(database.determineUrl(), connectionProperties());
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + IncidentChanges.CHANNEL);
                if (reconnecting) {
                    log.info("Live updates are back");
                    sendBatch(null);
                }
                relay(connection.unwrap(PGConnection.class));
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

    private Properties connectionProperties() {
        Properties connection = new Properties();
        connection.putAll(driverProperties);
        if (database.determineUsername() != null) {
            connection.setProperty("user", database.determineUsername());
        }
        if (database.determinePassword() != null) {
            connection.setProperty("password", database.determinePassword());
        }
        return connection;
    }

    /** Gathers notifications into batches, one every live interval at most, until stopped. */
    private void relay(PGConnection notifications) throws SQLException {
        long interval = properties.liveInterval().toMillis();
        Set<String> pending = new LinkedHashSet<>();
        long firstPendingAt = 0;
        long lastSentAt = System.currentTimeMillis();
        while (running) {
            long now = System.currentTimeMillis();
            long wait = pending.isEmpty() ? HEARTBEAT_MILLIS - (now - lastSentAt) : interval - (now - firstPendingAt);
            PGNotification[] arrived = notifications.getNotifications((int) Math.max(1, wait));
            boolean everything = false;
            for (PGNotification notification : arrived == null ? new PGNotification[0] : arrived) {
                if (IncidentChanges.EVERYTHING.equals(notification.getParameter())) {
                    everything = true;
                } else if (pending.add(notification.getParameter()) && pending.size() == 1) {
                    firstPendingAt = System.currentTimeMillis();
                }
            }
            now = System.currentTimeMillis();
            if (everything) {
                pending.clear();
                sendBatch(null);
                lastSentAt = now;
            } else if (!pending.isEmpty() && now - firstPendingAt >= interval) {
                sendBatch(Set.copyOf(pending));
                pending.clear();
                lastSentAt = now;
            } else if (pending.isEmpty() && now - lastSentAt >= HEARTBEAT_MILLIS) {
                // Keeps idle streams open through proxies, and finds those whose browser went away.
                snapshot().forEach(stream -> stream.send(SseEmitter.event().comment("keep-alive")));
                lastSentAt = now;
            }
        }
    }

    /** @param ids the incidents that changed; {@code null} for everything */
    void sendBatch(Set<String> ids) {
        Changes changes;
        List<Stream> targets;
        synchronized (this) {
            changes = ids == null ? changeLog.recordEverything() : changeLog.record(ids);
            beforeSending.forEach(listener -> listener.accept(changes));
            targets = List.copyOf(streams);
        }
        // Outside the lock: a page subscribing meanwhile has been sent this batch as what it missed.
        targets.forEach(stream -> send(stream, changes));
    }

    private synchronized List<Stream> snapshot() {
        return List.copyOf(streams);
    }

    /** Draws the page's event here, on the relaying thread; the stream writes it on its own. */
    private void send(Stream stream, Changes changes) {
        if (changes.everything()) {
            stream.send(resync(changes.token()));
            return;
        }
        String data;
        try {
            data = stream.view.changed(changes);
        } catch (RuntimeException e) {
            // The page reconnects with the batch it saw last, and is sent what it missed.
            log.warn("Could not render live changes for a page; ending its stream", e);
            stream.end(e);
            return;
        }
        stream.send(SseEmitter.event().id(changes.token()).name("changes").data(data));
    }

    private static SseEmitter.SseEventBuilder resync(String token) {
        return SseEmitter.event().id(token).name("resync").data(IncidentChanges.EVERYTHING);
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
        List<Stream> ending;
        synchronized (this) {
            ending = List.copyOf(streams);
            streams.clear();
        }
        ending.forEach(stream -> stream.emitter.complete());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
