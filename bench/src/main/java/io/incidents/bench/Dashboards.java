package io.incidents.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A number of people each at an open board, every one with a session of their own; and whether
 * their boards show what the workload's commands did (each board's {@link BoardView}).
 */
final class Dashboards implements AutoCloseable {

    private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(30);
    /** How many streams, and incidents per stream, a failure names. */
    private static final int EXAMPLES = 3;

    /** What it means when commands are answered and no board hears of them. */
    static final String LIVE_UPDATES_STOPPED = "timeline-service sends no changes events; has its live-update thread stopped"
            + " (an exception in thread \"dashboard-live-updates\" in its log)?";
    /** What it means when the boards still hear of changes, but not of these. */
    static final String CHANGES_LEFT_OUT = "the streams are alive, but timeline-service's changes events left these incidents"
            + " out of \"ids\", sent them late, or drew their rows with another status";

    private final List<Dashboard> dashboards;
    private final AtomicReference<BenchFailure> failure;
    private final AtomicLong throttledNanos = new AtomicLong();

    private Dashboards(List<Dashboard> dashboards, AtomicReference<BenchFailure> failure) {
        this.dashboards = dashboards;
        this.failure = failure;
    }

    /**
     * Logs {@code count} sessions in as {@code person}; none is connected yet.
     *
     * @param ours which incidents the workload itself changes (counted apart in {@link Dashboard.Totals#ourIds()})
     */
    static Dashboards login(int count, URI dashboard, BasicLogin person, Predicate<String> ours) throws InterruptedException {
        AtomicReference<BenchFailure> failure = new AtomicReference<>();
        List<Dashboard> dashboards = new ArrayList<>();
        for (DashboardSession session : DashboardSession.loginAll(count, dashboard, person)) {
            dashboards.add(new Dashboard(session, ours, failure));
        }
        return new Dashboards(dashboards, failure);
    }

    int size() {
        return dashboards.size();
    }

    /**
     * Opens every board's stream, one after the other, each said hello before the next. Each board
     * starts afresh: it has shown nothing, and has no command to show.
     */
    void connect() throws InterruptedException {
        for (Dashboard dashboard : dashboards) {
            dashboard.connect(CONNECT_PATIENCE);
        }
        check();
    }

    void disconnect() throws InterruptedException {
        for (Dashboard dashboard : dashboards) {
            dashboard.disconnect();
        }
    }

    /** What the streams brought, all of them together. */
    Dashboard.Totals totals() {
        return dashboards.stream().map(Dashboard::totals).reduce(Dashboard.Totals.NONE, Dashboard.Totals::plus);
    }

    /** A command was answered just now: every board should come to show its incident as the command left it. */
    void expect(CommandLifecycles.Change change) {
        long now = System.nanoTime();
        String shownAs = BoardView.shownAs(change.status());
        for (Dashboard dashboard : dashboards) {
            dashboard.view().expect(change.incidentId(), shownAs, now);
        }
    }

    /** The incidents the commands changed since the streams were opened (each board is told of the same). */
    int expected() {
        return dashboards.isEmpty() ? 0 : dashboards.get(0).view().expected();
    }

    /** How long the commands waited at {@link #awaitFollowing} so far, all clients together. */
    long throttledNanos() {
        return throttledNanos.get();
    }

    /**
     * Waits while the slowest board has not shown some incident {@code lag} after its last command
     * was answered. Fails the run if that lasts {@code patience}: a board that far behind is not
     * catching up.
     */
    void awaitFollowing(Duration lag, Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        long batchesBefore = batches();
        try {
            while (true) {
                check();
                long now = System.nanoTime();
                if (dashboards.stream().noneMatch(dashboard -> dashboard.view().missesAnyOlderThan(lag.toNanos(), now))) {
                    return;
                }
                if (now - start > patience.toNanos()) {
                    throw notShowing("commands waited " + patience.toSeconds() + " s for the slowest board", batchesBefore);
                }
                Thread.sleep(5);
            }
        } finally {
            throttledNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /**
     * Waits until every board shows every incident the commands changed since the streams were
     * opened as the commands left it. Fails the run, naming the streams that do not, after {@code patience}.
     *
     * @return when the last of them came to show it all ({@link System#nanoTime()})
     */
    long awaitShowingAll(Duration patience) throws InterruptedException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        long batchesBefore = batches();
        while (true) {
            check();
            List<OptionalLong> current = dashboards.stream().map(dashboard -> dashboard.view().currentSince()).toList();
            if (current.stream().allMatch(OptionalLong::isPresent)) {
                return current.stream().mapToLong(OptionalLong::getAsLong).max().orElse(System.nanoTime());
            }
            if (System.nanoTime() > giveUpAt) {
                throw notShowing(patience.toSeconds() + " s after the last command", batchesBefore);
            }
            Thread.sleep(20);
        }
    }

    /** Fails the run with the first thing that went wrong in any dashboard (a stream ended, an event unreadable). */
    void check() {
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private long batches() {
        return dashboards.stream().mapToLong(Dashboard::batches).sum();
    }

    /**
     * "{@code when}, 2 of the 50 dashboards' streams do not show every incident as the commands left it: stream 4 (viewer)
     * misses 1 of the 37 incidents the commands changed (... shown as OPEN, the commands left it ACKNOWLEDGED), ...; why"
     */
    private BenchFailure notShowing(String when, long batchesBefore) {
        List<String> streams = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < dashboards.size(); i++) {
            BoardView view = dashboards.get(i).view();
            int misses = view.missing();
            if (misses == 0) {
                continue;
            }
            missing++;
            if (streams.size() < EXAMPLES) {
                streams.add("stream " + (i + 1) + " (" + dashboards.get(i).username() + ") misses " + misses + " of the "
                        + view.expected() + " incidents the commands changed (" + String.join("; ", view.missingExamples(EXAMPLES))
                        + (misses > EXAMPLES ? "; ..." : "") + ")");
            }
        }
        // Batches still arriving while incidents stay missing: the stream is alive, but leaves them out.
        String why = batches() == batchesBefore ? LIVE_UPDATES_STOPPED : CHANGES_LEFT_OUT;
        return new BenchFailure(when + ", " + missing + " of the " + dashboards.size() + " dashboards' streams did not show"
                + " every incident as the commands left it: " + String.join(", ", streams) + (missing > EXAMPLES ? ", ..." : "")
                + "; " + why);
    }

    @Override
    public void close() throws InterruptedException {
        for (Dashboard dashboard : dashboards) {
            dashboard.close();
        }
    }
}
