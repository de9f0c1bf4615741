package io.incidents.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./stack bench [--quick]}: runs every workload against a running stack, prints a table
 * and writes {@code target/bench/results.json}. Exits 1 when a run cannot give a trustworthy
 * figure, 2 on a wrong command line.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Http http = new Http(Http.newClient());
        DeliveryLogReader deliveryLog = new DeliveryLogReader(options.targets().postgres());
        List<Workload> workloads = new ArrayList<>();
        if (options.stack().startupSeconds() != null) {
            workloads.add(new StartupWorkload(options.stack().startupSeconds()));
        }
        workloads.addAll(List.of(
                // First, on an idle stack: every command of the workloads after it leaves a generic webhook
                // message behind, and its storms must not wait for tens of thousands of those to drain.
                new NotificationThroughputWorkload(http.client(), options.targets(),
                        deliveryLog,
                        new PlainDelivery(http.client(), options.targets().sinks(), options.targets().smtp(),
                                options.deliveryThreads())),
                new CommandThroughputWorkload(http, options.targets()),
                new StoreGrowthWorkload(http, options.targets()),
                new AuthenticatedReadWorkload(http, options.targets()),
                new BoardRenderWorkload(http, options.targets()),
                new DashboardStreamsWorkload(http, options.targets()),
                // Late: it leaves tens of thousands of resolved incidents behind.
                new AlertIngestWorkload(http.client(), options.targets()),
                new EndToEndLatencyWorkload(http.client(), options.targets(), deliveryLog),
                new SlaReportWorkload(http, options.targets()),
                // After all that wrote events, so it has the most to replay.
                new ReplayWorkload(http, options.targets())));
        if (!options.stack().processes().isEmpty()) {
            workloads.add(new FootprintWorkload(options.stack().processes())); // after the others, as issue 11 asks
        }
        workloads.removeIf(workload -> !options.runs(workload.name()));
        if (workloads.isEmpty()) {
            System.err.println("no workload is called " + options.only());
            System.exit(2);
            return;
        }
        try {
            new BenchRunner(workloads, options.profile()).run(options.resultsFile());
        } catch (BenchFailure e) {
            System.err.println("[bench] FAILED: " + e.getMessage());
            System.exit(1);
        }
    }
}
