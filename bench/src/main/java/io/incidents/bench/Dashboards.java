package io.incidents.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** A number of people each at an open board, every one with a session of their own. */
final class Dashboards implements AutoCloseable {

    private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(30);

    /** What it means when commands are answered and no board hears of them. */
    static final String LIVE_UPDATES_STOPPED = "timeline-service sends no change events; has its live-update thread stopped"
            + " (an exception in thread \"dashboard-live-updates\" in its log)?";

    private final List<Dashboard> dashboards;
    private final AtomicReference<BenchFailure> failure;
    private volatile long[] marks;

    private Dashboards(List<Dashboard> dashboards, AtomicReference<BenchFailure> failure) {
        this.dashboards = dashboards;
        this.failure = failure;
        this.marks = new long[dashboards.size()];
    }

    /**
     * Logs {@code count} sessions in as {@code person}; none is connected yet.
     *
     * @param ours which incidents the workload itself changes (see {@link #ourChanges()})
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

    /** Opens every board's stream, one after the other, each said hello before the next. */
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

    /** {@code change} events received by all of them together. */
    long changes() {
        return dashboards.stream().mapToLong(Dashboard::changes).sum();
    }

    /** Those about the workload's own incidents. */
    long ourChanges() {
        return dashboards.stream().mapToLong(Dashboard::ourChanges).sum();
    }

    /** Rows fetched by all of them together. */
    long fetched() {
        return dashboards.stream().mapToLong(Dashboard::fetched).sum();
    }

    /** Changes received by all of them whose row is not fetched yet. */
    int backlog() {
        return dashboards.stream().mapToInt(Dashboard::backlog).sum();
    }

    /** From now on, {@link #fewestChangesSinceMark()} counts. */
    void mark() {
        marks = dashboards.stream().mapToLong(Dashboard::ourChanges).toArray();
    }

    /** The changes of the workload's own incidents received since {@link #mark()} by the board that received the fewest. */
    long fewestChangesSinceMark() {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < dashboards.size(); i++) {
            fewest = Math.min(fewest, dashboards.get(i).ourChanges() - marks[i]);
        }
        return fewest;
    }

    /**
     * Waits until every board is nearly current: at most {@code eventLag} of the {@code sent}
     * changes to the workload's own incidents since {@link #mark()} not yet received by the slowest board, and at most {@code backlog}
     * rows left to fetch by all together. Fails the run if they make no progress for {@code patience}.
     */
    void awaitNearlyCurrent(long sent, long eventLag, int backlog, Duration patience) throws InterruptedException {
        long progress = changes() + fetched();
        long stuckSince = System.nanoTime();
        while (backlog() > backlog || sent - fewestChangesSinceMark() > eventLag) {
            check();
            long progressNow = changes() + fetched();
            if (progressNow != progress) {
                progress = progressNow;
                stuckSince = System.nanoTime();
            } else if (System.nanoTime() - stuckSince > patience.toNanos()) {
                throw new BenchFailure("the " + dashboards.size() + " dashboards received no change and fetched no row in "
                        + patience.toSeconds() + " s, " + (sent - fewestChangesSinceMark()) + " changes behind, "
                        + backlog() + " rows to fetch: " + (backlog() == 0 ? LIVE_UPDATES_STOPPED : "the row fetches hang"));
            }
            Thread.sleep(5);
        }
    }

    long resyncs() {
        return dashboards.stream().mapToLong(Dashboard::resyncs).sum();
    }

    /**
     * Waits until no change has arrived for {@code quiet} and every row asked for has been fetched:
     * the boards show what the commands did.
     *
     * @return when the last row fetch ended ({@link System#nanoTime()})
     */
    long awaitCaughtUp(Duration quiet, Duration patience) throws InterruptedException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        long seen = changes();
        long quietSince = System.nanoTime();
        while (true) {
            check();
            long now = System.nanoTime();
            long changes = changes();
            boolean fetching = backlog() > 0;
            if (changes != seen || fetching) {
                seen = changes;
                quietSince = now;
            } else if (now - quietSince >= quiet.toNanos()) {
                return dashboards.stream().mapToLong(Dashboard::lastFetchDoneAt).max().orElse(now);
            }
            if (now > giveUpAt) {
                throw new BenchFailure("the " + dashboards.size() + " dashboards were still fetching rows "
                        + patience.toSeconds() + " s after the last command (" + backlog() + " to go): they cannot keep up");
            }
            Thread.sleep(20);
        }
    }

    /** Fails the run with the first thing that went wrong in any dashboard (a stream ended, a row refused). */
    void check() {
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Dashboard dashboard : dashboards) {
            dashboard.close();
        }
    }
}
