package io.incidents.bench;

import io.incidents.browsersession.HtmlTags;
import io.incidents.browsersession.ServerSentEvents;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * One open board, doing over the network what the page's script does (board.js): it holds the
 * board's stream {@code /ui/board/stream} open (no filter, no {@code since}: the whole board,
 * from now on), and the stream brings the rows themselves. Each {@code changes} event is one batch
 * of the server's (about 500 ms of changes): its JSON names the incidents that changed and carries
 * the rows of those still on the board, which the page swaps in; a named incident without a row
 * has left the board. The page asks for no rows. A {@code resync} makes it fetch the whole board
 * ({@code GET /}) once; that fetch happens on the stream's own thread, so what the board shows
 * stays in the order the server sent it.
 * <p>
 * What the board shows of each incident is kept in a {@link BoardView}, for the workload to
 * compare with what its commands did. The stream can be closed and opened again; the session stays.
 */
final class Dashboard {

    private final DashboardSession session;
    private final AtomicReference<BenchFailure> failure;
    private final Predicate<String> ours;
    private final BoardView view = new BoardView(System.nanoTime());
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong ourIds = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private volatile Connection connection;

    /**
     * @param ours    which incidents the workload itself changes: the ids naming them are counted
     *                apart from others' (escalation timers, other people on a shared stack)
     * @param failure shared by a group of dashboards: the first thing that went wrong in any of them
     */
    Dashboard(DashboardSession session, Predicate<String> ours, AtomicReference<BenchFailure> failure) {
        this.session = session;
        this.ours = ours;
        this.failure = failure;
    }

    /** What the stream brought over all connections so far. */
    record Totals(long batches, long ids, long ourIds, long rows, long bytes, long resyncs) {

        static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);

        Totals plus(Totals other) {
            return new Totals(batches + other.batches, ids + other.ids, ourIds + other.ourIds, rows + other.rows,
                    bytes + other.bytes, resyncs + other.resyncs);
        }

        Totals minus(Totals earlier) {
            return new Totals(batches - earlier.batches, ids - earlier.ids, ourIds - earlier.ourIds, rows - earlier.rows,
                    bytes - earlier.bytes, resyncs - earlier.resyncs);
        }
    }

    Totals totals() {
        return new Totals(batches.get(), ids.get(), ourIds.get(), rows.get(), bytes.get(), resyncs.get());
    }

    /** {@code changes} events received so far: the stream is making progress. */
    long batches() {
        return batches.get();
    }

    /** What this board shows since it last connected. */
    BoardView view() {
        return view;
    }

    String username() {
        return session.username();
    }

    /** Opens the stream and waits for its {@code hello}: from then on it receives every change. */
    void connect(Duration patience) throws InterruptedException {
        if (connection != null) {
            throw new IllegalStateException("already connected");
        }
        view.reset(System.nanoTime());
        HttpRequest request = HttpRequest.newBuilder(session.page("/ui/board/stream").uri()).timeout(Http.TIMEOUT)
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
            throw new BenchFailure("the board stream of " + session.username() + " said no hello in " + patience.toSeconds() + " s");
        }
    }

    /** Closes the stream, as a browser does when the page is closed. */
    void disconnect() throws InterruptedException {
        Connection open = connection;
        connection = null;
        if (open != null) {
            open.close();
        }
    }

    /** Closes the stream and logs out. */
    void close() throws InterruptedException {
        disconnect();
        try {
            session.logout();
        } catch (BenchFailure e) {
            Console.say("could not log %s out: %s", session.username(), e.getMessage());
        }
    }

    private void onEvent(ServerSentEvents.Event event, Connection from) throws InterruptedException {
        switch (event.name()) {
            case "hello" -> from.hello.countDown();
            case "changes" -> {
                BoardChanges changes;
                try {
                    changes = BoardChanges.parse(event.data());
                } catch (IllegalArgumentException e) {
                    throw new BenchFailure("the board stream of " + session.username() + " sent a changes event that is "
                            + e.getMessage(), e);
                }
                long now = System.nanoTime();
                batches.incrementAndGet();
                ids.addAndGet(changes.ids().size());
                ourIds.addAndGet(changes.ids().stream().filter(ours).count());
                rows.addAndGet(changes.rows());
                changes.shownAs().forEach((incidentId, shownAs) -> view.show(incidentId, shownAs, now));
            }
            case "resync" -> {
                resyncs.incrementAndGet();
                String board = new String(Http.send(session.client(), session.page("/"), 200).body(), StandardCharsets.UTF_8);
                if (!BoardPage.isBoard(board)) {
                    throw new BenchFailure("after a resync, GET / of " + session.username() + " answered no board: \""
                            + HtmlTags.title(board) + "\"");
                }
                view.showWholeBoard(BoardPage.rowStatuses(board), System.nanoTime());
            }
            default -> {
                // Other events are for other pages.
            }
        }
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
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new Counted(body), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Optional<ServerSentEvents.Event> event = events.line(line);
                    if (event.isPresent()) {
                        onEvent(event.get(), this);
                    }
                }
                if (!closing) {
                    failure.compareAndSet(null, new BenchFailure("the board stream of " + session.username()
                            + " was ended by the server"));
                }
            } catch (IOException e) {
                if (!closing) {
                    failure.compareAndSet(null, new BenchFailure("the board stream of " + session.username() + " failed: " + e, e));
                }
            } catch (BenchFailure e) {
                failure.compareAndSet(null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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

    /** The stream's body, its bytes counted as they are read: what each board costs the network. */
    private final class Counted extends FilterInputStream {

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                bytes.incrementAndGet();
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                bytes.addAndGet(read);
            }
            return read;
        }
    }
}
