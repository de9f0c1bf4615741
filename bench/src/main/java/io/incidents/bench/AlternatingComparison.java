package io.incidents.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Drives a baseline and a measured side in turn (baseline, measured, baseline, measured ...)
 * with the same clients for the same time each, after an unmeasured warm-up of both: whatever
 * else the machine does while the run lasts hits both sides alike.
 */
final class AlternatingComparison {

    /** The totals of each side over all rounds. */
    record Outcome(LoadSample baseline, LoadSample measured) {
    }

    /**
     * What one side does in one round: usually the load alone, but a side may also set up what
     * has to be around its load (open dashboards) and take it down again after the round.
     */
    @FunctionalInterface
    interface Side {

        LoadSample run(ClosedLoopLoad load, Duration length) throws InterruptedException;

        static Side of(HttpRequest request) {
            return (load, length) -> load.run(request, length);
        }

        static Side of(ClosedLoopLoad.Operation operation) {
            return (load, length) -> load.run(operation, length);
        }
    }

    private final String name;
    private final ClosedLoopLoad load;

    AlternatingComparison(String name, ClosedLoopLoad load) {
        this.name = name;
        this.load = load;
    }

    Outcome run(HttpRequest baseline, HttpRequest measured, RunProfile profile) throws InterruptedException {
        return run(Side.of(baseline), Side.of(measured), profile);
    }

    Outcome run(Side baseline, Side measured, RunProfile profile) throws InterruptedException {
        Console.say("%s: warm-up, %d s per side", name, profile.warmUp().toSeconds());
        baseline.run(load, profile.warmUp());
        measured.run(load, profile.warmUp());
        LoadSample baselineTotal = LoadSample.NONE;
        LoadSample measuredTotal = LoadSample.NONE;
        List<Double> roundRatios = new ArrayList<>();
        for (int round = 1; round <= profile.rounds(); round++) {
            LoadSample baselineRound = baseline.run(load, profile.round());
            LoadSample measuredRound = measured.run(load, profile.round());
            roundRatios.add(measuredRound.perSecond() / baselineRound.perSecond());
            Console.say("%s: round %d/%d, baseline %.1f/s, measured %.1f/s", name, round, profile.rounds(),
                    baselineRound.perSecond(), measuredRound.perSecond());
            baselineTotal = baselineTotal.plus(baselineRound);
            measuredTotal = measuredTotal.plus(measuredRound);
        }
        Collections.sort(roundRatios);
        // How far single rounds disagree shows how much the machine's other load moved the figure.
        Console.say("%s: ratio per round from %.3f to %.3f, median %.3f", name, roundRatios.get(0),
                roundRatios.get(roundRatios.size() - 1), roundRatios.get(roundRatios.size() / 2));
        return new Outcome(baselineTotal, measuredTotal);
    }
}
