package io.incidents.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * One open board, doing over the network what the page's script does (board.js): it holds the
 * live stream {@code /ui/stream} open, and for every {@code change} event fetches that incident's
 * rows again, a second's changes in one request ({@code /ui/board/rows?ids=...}, the rows still on the board);
 * a {@code resync} fetches the whole board. Rows are fetched beside the stream, at most
 * {@value #ROW_FETCHERS} at once, as a browser does with its six connections per host over
 * HTTP/1.1, one of which holds the stream: a slow fetch never stops the stream being read.
 * <p>
 * The stream can be closed and opened again; the session stays.
 */
final class Dashboard {

    static final int ROW_FETCHERS = 5;

    private final DashboardSession session;
    private final ExecutorService fetchers;
    /** How long the page gathers changes before it asks for their rows. */
    private static final Duration COALESCE = Duration.ofSeconds(1);
    private final java.util.Set<String> changedRows = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean flushScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicReference<BenchFailure> failure;
    private final Predicate<String> ours;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong ourChanges = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicInteger fetching = new AtomicInteger();
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong lastFetchDoneAt = new AtomicLong(System.nanoTime());
    private volatile Connection connection;

    /**
     * @param ours    which incidents the workload itself changes: their changes are counted apart from
     *                others' (escalation timers, other people on a shared stack); all are fetched alike
     * @param failure shared by a group of dashboards: the first thing that went wrong in any of them
     */
    Dashboard(DashboardSession session, Predicate<String> ours, AtomicReference<BenchFailure> failure) {
        this.session = session;
        this.ours = ours;
        this.failure = failure;
        this.fetchers = Executors.newFixedThreadPool(ROW_FETCHERS, runnable -> {
            Thread thread = new Thread(runnable, "bench-dashboard-row");
            thread.setDaemon(true);
            return thread;
        });
    }

    DashboardSession session() {
        return session;
    }

    /** {@code change} events received over all connections so far. */
    long changes() {
        return changes.get();
    }

    /** Those of them about the workload's own incidents. */
    long ourChanges() {
        return ourChanges.get();
    }

    long resyncs() {
        return resyncs.get();
    }

    /** Row (or board) fetches under way or waiting: how many changes this board has yet to show. */
    int backlog() {
        return fetching.get();
    }

    /** Rows (and boards) fetched so far. */
    long fetched() {
        return fetched.get();
    }

    /** When the last row fetch ended ({@link System#nanoTime()}). */
    long lastFetchDoneAt() {
        return lastFetchDoneAt.get();
    }

    /** Opens the stream and waits for its {@code hello}: from then on it receives every change. */
    void connect(Duration patience) throws InterruptedException {
        if (connection != null) {
            throw new IllegalStateException("already connected");
        }
        HttpRequest request = HttpRequest.newBuilder(session.page("/ui/stream").uri()).timeout(Http.TIMEOUT)
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = session.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new BenchFailure("GET " + request.uri() + " failed: " + e, e);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(500), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "(unreadable: " + e + ")";
            }
            throw new BenchFailure("GET " + request.uri() + " answered " + response.statusCode() + " " + type + ": " + body);
        }
        Connection opened = new Connection(response.body());
        connection = opened;
        opened.reader.start();
        if (!opened.hello.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BenchFailure("the live stream of " + session.username() + " said no hello in " + patience.toSeconds() + " s");
        }
    }

    /** Closes the stream, as a browser does when the page is closed; row fetches under way finish. */
    void disconnect() throws InterruptedException {
        Connection open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }

    /** Closes the stream, logs out and stops its fetchers. */
    void close() throws InterruptedException {
        disconnect();
        fetchers.shutdownNow();
        try {
            session.logout();
        } catch (BenchFailure e) {
            Console.say("could not log %s out: %s", session.username(), e.getMessage());
        }
    }

    private void onEvent(ServerSentEvents.Event event, Connection from) {
        switch (event.name()) {
            case "hello" -> from.hello.countDown();
            case "change" -> {
                changes.incrementAndGet();
                if (ours.test(event.data())) {
                    ourChanges.incrementAndGet();
                }
                rowChanged(event.data());
            }
            case "resync" -> {
                resyncs.incrementAndGet();
                fetch("/", 200);
            }
            default -> {
                // Other events are for other pages.
            }
        }
    }

    /** As the page's script does: changes gathered for a second, then one request for all of them. */
    private void rowChanged(String incidentId) {
        changedRows.add(incidentId);
        if (flushScheduled.compareAndSet(false, true)) {
            fetchers.execute(() -> {
                try {
                    Thread.sleep(COALESCE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                flushScheduled.set(false);
                StringBuilder query = new StringBuilder();
                for (String id : changedRows) {
                    changedRows.remove(id);
                    query.append(query.isEmpty() ? "?" : "&").append("ids=").append(URLEncoder.encode(id, StandardCharsets.UTF_8));
                }
                if (!query.isEmpty()) {
                    fetch("/ui/board/rows" + query, 200);
                }
            });
        }
    }

    private void fetch(String path, int... accepted) {
        fetching.incrementAndGet();
        fetchers.execute(() -> {
            try {
                Http.send(session.client(), session.page(path), accepted);
                fetched.incrementAndGet();
            } catch (BenchFailure e) {
                failure.compareAndSet(null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lastFetchDoneAt.accumulateAndGet(System.nanoTime(), Math::max);
                fetching.decrementAndGet();
            }
        });
    }

    /** One open stream, read on a thread of its own until it is closed. */
    private final class Connection {

        final InputStream body;
        final CountDownLatch hello = new CountDownLatch(1);
        final Thread reader;
        volatile boolean closing;

        Connection(InputStream body) {
            this.body = body;
            this.reader = new Thread(this::read, "bench-dashboard-stream");
            reader.setDaemon(true);
        }

        private void read() {
            ServerSentEvents events = new ServerSentEvents();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Optional<ServerSentEvents.Event> event = events.line(line);
                    event.ifPresent(e -> onEvent(e, this));
                }
                if (!closing) {
                    failure.compareAndSet(null, new BenchFailure("the live stream of " + session.username()
                            + " was ended by the server"));
                }
            } catch (IOException e) {
                if (!closing) {
                    failure.compareAndSet(null, new BenchFailure("the live stream of " + session.username() + " failed: " + e, e));
                }
            }
        }

        void close() throws InterruptedException {
            closing = true;
            try {
                body.close();
            } catch (IOException e) {
                // Closing is all that was wanted.
            }
            reader.join(5000);
        }
    }
}
