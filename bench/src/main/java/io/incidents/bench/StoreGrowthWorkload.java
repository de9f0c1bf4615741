package io.incidents.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Whether commands slow down as history grows (issue "Performance", workload 2): the same
 * lifecycles as command-throughput (32 clients, an API token) with 10,000,000 events in the store
 * (300,000 in the quick run; {@link EventStoreSeeder}), as a ratio to the store as it was before
 * (the few thousand events the earlier workloads left). Goal: ratio >= 0.8.
 * <p>
 * The two sides cannot alternate round by round: writing ten million events takes minutes. So the
 * baseline's rounds are split around the large store's, half before the events are added and half
 * after they are taken out again: a drift that goes one way through the run (the services' JIT
 * still compiling, which takes minutes on a small machine) moves both sides alike.
 */
final class StoreGrowthWorkload implements Workload {

    private static final String NAME = "store-growth";
    private static final int CLIENTS = 32;

    private final Http http;
    private final Targets targets;

    StoreGrowthWorkload(Http http, Targets targets) {
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

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        long events = profile.isQuick() ? 300_000 : 10_000_000;
        EventStoreSeeder seeder = new EventStoreSeeder(targets.postgres());
        try (ApiToken token = ApiToken.issue(http, targets, NAME, "RESPONDER");
             ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
            CommandLifecycles commands = new CommandLifecycles(http.client(), targets.incidentService(),
                    targets.timelineService(), token, CLIENTS);
            load.run(commands::next, profile.warmUp());
            LoadSample small = rounds("store as before", 1, profile.rounds() / 2, load, commands, profile);
            long started = System.nanoTime();
            long added = seeder.seed(events);
            Console.say("%s: %,d events added in %d s; the store holds about %,d", NAME, added, secondsSince(started),
                    seeder.storedEvents());
            load.run(commands::next, profile.warmUp());
            LoadSample large = rounds("large store", 1, profile.rounds(), load, commands, profile);
            started = System.nanoTime();
            seeder.remove();
            Console.say("%s: the added events removed in %d s; the store holds about %,d", NAME, secondsSince(started),
                    seeder.storedEvents());
            load.run(commands::next, profile.warmUp());
            small = small.plus(rounds("store as before", profile.rounds() / 2 + 1, profile.rounds(), load, commands, profile));
            commands.finish();
            return List.of(WorkloadResult.throughput(NAME, "commands/s", large.perSecond(), small.perSecond(),
                    large.latencies()));
        } catch (SQLException e) {
            throw new BenchFailure(NAME + ": the stack's PostgreSQL: " + e.getMessage());
        } finally {
            try {
                seeder.remove();
            } catch (SQLException e) {
                Console.say("%s: could not remove the added events: %s", NAME, e.getMessage());
            }
        }
    }

    /** Rounds {@code first} to {@code last} of {@code side} (of {@link RunProfile#rounds} in all). */
    private static LoadSample rounds(String side, int first, int last, ClosedLoopLoad load, CommandLifecycles commands,
                                     RunProfile profile) throws InterruptedException {
        LoadSample total = LoadSample.NONE;
        for (int round = first; round <= last; round++) {
            LoadSample sample = load.run(commands::next, profile.round());
            Console.say("%s: %s, round %d/%d, %.1f commands/s", NAME, side, round, profile.rounds(), sample.perSecond());
            total = total.plus(sample);
        }
        return total;
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }
}
