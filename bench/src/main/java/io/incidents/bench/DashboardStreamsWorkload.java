package io.incidents.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * What 50 open dashboards cost (issue 9: "50 open dashboards cost little"): command throughput
 * while 50 logged-in boards follow the live stream, against the same commands with no board open.
 * Goal: ratio >= 0.8.
 * <p>
 * The commands are lifecycles (declare, acknowledge, resolve, one command per call) from
 * {@value #CLIENTS} closed-loop clients with an API token of the workload's own. With dashboards,
 * each round first opens the 50 streams (each a session of its own, logged in once; each stream
 * says hello before the round starts), and every board does what the page's script does: for
 * each change it fetches that incident's row.
 * <p>
 * Both figures are what the stack sustains while showing what the commands did: a round ends once
 * the read side shows every client's last command, and with dashboards also once every board has
 * received its changes and fetched its rows (no change for a moment, no row left to fetch); that
 * catching up counts towards the round's time. With dashboards, a command client also waits
 * (outside the command's latency, inside the round's time) while the slowest board is more than
 * {@value #EVENT_LAG} changes behind or the boards together have more than {@value Dashboard#ROW_FETCHERS}
 * rows per board to fetch. Without that, the closed loop would send commands faster than 50 boards
 * can show them, leaving the boards ever further behind and the work the commands caused out of
 * the figure. After each round with dashboards the streams are closed, so the baseline runs with none.
 */
final class DashboardStreamsWorkload implements Workload {

    private static final String NAME = "dashboard-streams";
    private static final int DASHBOARDS = 50;
    private static final int CLIENTS = 8;
    /** No change for this long, and the boards are taken to have seen every change of the round. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Commands answered whose change the slowest board has not received yet, above which commands wait. */
    private static final int EVENT_LAG = 2 * CLIENTS;
    /** Rows still to fetch, all boards together, above which commands wait: as many as the boards fetch at once. */
    private static final int BACKLOG_LIMIT = DASHBOARDS * Dashboard.ROW_FETCHERS;
    /** Below this many change events per command and stream, the streams did not follow the commands. */
    private static final double EVENTS_PER_COMMAND_FLOOR = 0.9;

    private final Http http;
    private final Targets targets;

    DashboardStreamsWorkload(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return Goal.ratioAtLeast(0.8);
    }

    /** What the streams saw in the rounds with dashboards (warm-up included). */
    private static final class Tally {
        long commands;
        long changes;
        long ourChanges;
        long fetched;
        long nanos;
        long catchUpNanos;
        long longestCatchUpNanos;
        long connectNanos;
        int rounds;
    }

    @Override
    public WorkloadResult run(RunProfile profile) throws InterruptedException {
        try (ApiToken token = ApiToken.issue(http, targets, NAME, "RESPONDER")) {
            CommandLifecycles commands = new CommandLifecycles(http.client(), targets.incidentService(),
                    targets.timelineService(), token, CLIENTS);
            return measure(profile, commands);
        }
    }

    private WorkloadResult measure(RunProfile profile, CommandLifecycles commands) throws InterruptedException {
        try (Dashboards dashboards = Dashboards.login(DASHBOARDS, targets.dashboard(), BasicLogin.VIEWER, commands::declared);
             ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
            Tally tally = new Tally();
            AlternatingComparison.Side without = (clients, length) -> {
                long start = System.nanoTime();
                LoadSample sample = clients.run(commands::next, length);
                long shown = commands.awaitReadSide(PATIENCE);
                return sample.lastingLonger(Math.max(0, shown - (start + sample.elapsedNanos())));
            };
            AlternatingComparison.Side with = (clients, length) -> {
                long connecting = System.nanoTime();
                dashboards.connect();
                tally.connectNanos += System.nanoTime() - connecting;
                long changesBefore = dashboards.changes();
                long ourChangesBefore = dashboards.ourChanges();
                long fetchedBefore = dashboards.fetched();
                long commandsBefore = commands.answered();
                dashboards.mark();
                long start = System.nanoTime();
                LoadSample sample = clients.run(commands::next, () -> dashboards.awaitNearlyCurrent(
                        commands.answered() - commandsBefore, EVENT_LAG, BACKLOG_LIMIT, PATIENCE), length);
                long shown = Math.max(commands.awaitReadSide(PATIENCE), dashboards.awaitCaughtUp(QUIET, PATIENCE));
                dashboards.disconnect();
                long catchUp = Math.max(0, shown - (start + sample.elapsedNanos()));
                tally.rounds++;
                tally.commands += sample.requests();
                tally.changes += dashboards.changes() - changesBefore;
                tally.ourChanges += dashboards.ourChanges() - ourChangesBefore;
                tally.fetched += dashboards.fetched() - fetchedBefore;
                tally.nanos += sample.elapsedNanos() + catchUp;
                tally.catchUpNanos += catchUp;
                tally.longestCatchUpNanos = Math.max(tally.longestCatchUpNanos, catchUp);
                return sample.lastingLonger(catchUp);
            };
            AlternatingComparison.Outcome outcome = new AlternatingComparison(NAME, load).run(without, with, profile);
            commands.finish();
            double eventsPerCommand = (double) tally.ourChanges / DASHBOARDS / Math.max(1, tally.commands);
            Console.say("%s: with %d dashboards, %d commands in %d rounds (warm-up included): each stream received %.3f"
                            + " change events per command, and %.1f changes of other incidents per round (escalation timers,"
                            + " other people; their rows are fetched too) (%d resyncs); the boards fetched %.1f rows/s;"
                            + " catching up added %.1f s in all, at most %.2f s to a round; opening the streams took %.2f s"
                            + " per round",
                    NAME, DASHBOARDS, tally.commands, tally.rounds, eventsPerCommand,
                    (double) (tally.changes - tally.ourChanges) / DASHBOARDS / Math.max(1, tally.rounds), dashboards.resyncs(),
                    tally.fetched * 1e9 / Math.max(1, tally.nanos), tally.catchUpNanos / 1e9, tally.longestCatchUpNanos / 1e9,
                    tally.connectNanos / 1e9 / Math.max(1, tally.rounds));
            if (eventsPerCommand < EVENTS_PER_COMMAND_FLOOR) {
                throw new BenchFailure("the dashboards' streams received " + String.format(Locale.ROOT, "%.3f",
                        eventsPerCommand) + " change events per command each, not about 1: they did not follow the commands; "
                        + Dashboards.LIVE_UPDATES_STOPPED);
            }
            return WorkloadResult.throughput(NAME, "commands/s", outcome.measured().perSecond(), outcome.baseline().perSecond(),
                    outcome.measured().latencies());
        }
    }
}
