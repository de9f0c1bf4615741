package io.incidents.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs the workloads one after the other, prints the table and writes the results file. */
final class BenchRunner {

    private final List<Workload> workloads;
    private final RunProfile profile;

    BenchRunner(List<Workload> workloads, RunProfile profile) {
        this.workloads = List.copyOf(workloads);
        this.profile = profile;
    }

    void run(Path resultsFile) throws IOException, InterruptedException {
        // A failed run must not leave the figures of an earlier one looking like its own.
        Files.deleteIfExists(resultsFile);
        Console.say("%s run of %d workload(s)", profile.name(), workloads.size());
        long runStart = System.nanoTime();
        List<WorkloadResult> results = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        for (Workload workload : workloads) {
            long start = System.nanoTime();
            for (WorkloadResult result : workload.run(profile)) {
                results.add(result);
                verdicts.add(workload.goal().verdict(result));
            }
            Console.say("%s done in %d s", workload.name(), (System.nanoTime() - start) / 1_000_000_000L);
        }
        System.out.println();
        System.out.print(ResultsTable.format(results));
        System.out.println();
        verdicts.forEach(verdict -> Console.say("%s", verdict));
        Console.say("all workloads in %d s", (System.nanoTime() - runStart) / 1_000_000_000L);
        ResultsJson.write(results, resultsFile);
        Console.say("wrote %s", resultsFile);
        Path plot = resultsFile.resolveSibling("latencies.svg");
        LatencyPlot.write(results, "Latency per workload (measured side), " + profile.name() + " run of "
                + LocalDate.now(ZoneOffset.UTC), plot);
        Console.say("wrote %s", plot);
    }
}
