package io.incidents.bench;

import java.time.Duration;
import java.util.List;

/**
 * What 50 open dashboards cost (issue 9: "50 open dashboards cost little"): command throughput
 * while 50 logged-in boards follow the board's live stream, against the same commands with no
 * board open. Goal: ratio >= 0.8.
 * <p>
 * The commands are lifecycles (declare, acknowledge, resolve, one command per call) from
 * {@value #CLIENTS} closed-loop clients with an API token of the workload's own. With dashboards,
 * each round first opens the 50 streams ({@code /ui/board/stream}, each a session of its own,
 * logged in once; each stream says hello before the round starts), and every board does what the
 * page's script does ({@link Dashboard}): the server gathers changes for 500 ms and pushes each
 * batch once, as one {@code changes} event with the ids of the incidents that changed and the rows
 * of those still on the board; the board swaps them in and fetches nothing, but the whole board
 * after a {@code resync}.
 * <p>
 * The streams must follow the commands, or the figure would leave out work the boards never got:
 * after each answered command, every board must come to show its incident as the command left it
 * (open, acknowledged, or off the board once resolved) from the events its stream brought in that
 * round ({@link BoardView}). A declare, acknowledge and resolve within one batch are one id, so
 * events are not counted against commands; what counts is that each board's latest word on each
 * incident is the one after the incident's last command. A round in which any stream still misses
 * an incident a minute ({@link #PATIENCE}) after the round's last command fails the run, naming the
 * streams and the incidents.
 * <p>
 * Both figures are what the stack sustains while showing what the commands did: a round ends once
 * the read side shows every client's last command, and with dashboards also once every board shows
 * every incident the round changed; that catching up counts towards the round's time. With
 * dashboards, a command client also waits (outside the command's latency, inside the round's time)
 * while the slowest board has not shown some incident 2 s ({@link #BOARD_LAG}) after its last command
 * was answered. Without that, the closed loop would send commands faster than 50 boards can show them,
 * leaving the boards ever further behind and the work the commands caused out of the figure. The
 * limit is a time rather than a number of incidents, so that it does not depend on how fast the
 * machine runs the commands: a board that keeps up is behind by one batch (500 ms) and the trip
 * from the command side to the read side at most. How long the clients waited is printed. After each round
 * with dashboards the streams are closed, so the baseline runs with none.
 */
final class DashboardStreamsWorkload implements Workload {

    private static final String NAME = "dashboard-streams";
    private static final int DASHBOARDS = 50;
    private static final int CLIENTS = 8;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * Commands wait while the slowest board has not shown an incident this long after its last
     * command was answered: four of the server's 500 ms batches.
     */
    private static final Duration BOARD_LAG = Duration.ofSeconds(2);

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
        long incidents;
        Dashboard.Totals streams = Dashboard.Totals.NONE;
        long nanos;
        long catchUpNanos;
        long longestCatchUpNanos;
        long connectNanos;
        int rounds;
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        try (ApiToken token = ApiToken.issue(http, targets, NAME, "RESPONDER")) {
            CommandLifecycles commands = new CommandLifecycles(http.client(), targets.incidentService(),
                    targets.timelineService(), token, CLIENTS);
            return List.of(measure(profile, commands));
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
                Dashboard.Totals before = dashboards.totals();
                long start = System.nanoTime();
                // Telling the 50 boards' bookkeeping what a command did takes microseconds, inside its latency.
                LoadSample sample = clients.run(client -> dashboards.expect(commands.next(client)),
                        () -> dashboards.awaitFollowing(BOARD_LAG, PATIENCE), length);
                long shown = Math.max(commands.awaitReadSide(PATIENCE), dashboards.awaitShowingAll(PATIENCE));
                dashboards.disconnect();
                long catchUp = Math.max(0, shown - (start + sample.elapsedNanos()));
                tally.rounds++;
                tally.commands += sample.requests();
                tally.incidents += dashboards.expected();
                tally.streams = tally.streams.plus(dashboards.totals().minus(before));
                tally.nanos += sample.elapsedNanos() + catchUp;
                tally.catchUpNanos += catchUp;
                tally.longestCatchUpNanos = Math.max(tally.longestCatchUpNanos, catchUp);
                return sample.lastingLonger(catchUp);
            };
            AlternatingComparison.Outcome outcome = new AlternatingComparison(NAME, load).run(without, with, profile);
            commands.finish();
            Dashboard.Totals streams = tally.streams;
            double streamSeconds = (double) DASHBOARDS * Math.max(1, tally.nanos) / 1e9;
            long batches = Math.max(1, streams.batches());
            Console.say("%s: with %d dashboards, %d commands in %d rounds (warm-up included) changed %d incidents, and every"
                            + " stream came to show each as its last command left it; each stream received %.2f changes events/s"
                            + " with %.1f ids each (%.1f of them the workload's incidents, the others changed by escalation timers"
                            + " or other people), %.1f rows/s and %.1f KB/s (%d resyncs in all); the commands waited %.1f s for"
                            + " the boards (all clients together); catching up added %.1f s in all, at most %.2f s to a round;"
                            + " opening the streams took %.2f s per round",
                    NAME, DASHBOARDS, tally.commands, tally.rounds, tally.incidents,
                    streams.batches() / streamSeconds, (double) streams.ids() / batches, (double) streams.ourIds() / batches,
                    streams.rows() / streamSeconds, streams.bytes() / 1024.0 / streamSeconds, streams.resyncs(),
                    dashboards.throttledNanos() / 1e9, tally.catchUpNanos / 1e9, tally.longestCatchUpNanos / 1e9,
                    tally.connectNanos / 1e9 / Math.max(1, tally.rounds));
            return WorkloadResult.throughput(NAME, "commands/s", outcome.measured().perSecond(), outcome.baseline().perSecond(),
                    outcome.measured().latencies());
        }
    }
}
