package io.incidents.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line. {@code ./stack bench} passes every URL; the defaults are the stack's usual
 * ports, the anonymous instance on timeline-service's "instance 2" port (SPEC section 9).
 */
record BenchOptions(RunProfile profile, Targets targets, Path resultsFile, Set<String> only, int deliveryThreads,
                    StackFacts stack) {

    static final String USAGE = """
            usage: java -jar bench.jar [--quick] [--incident-service=URL] [--timeline-service=URL]
                                       [--anonymous-timeline-service=URL] [--dashboard=URL] [--results=FILE]
                                       [--sinks=URL] [--smtp=HOST:PORT] [--postgres=HOST:PORT] [--kafka=HOST:PORT]
                                       [--delivery-threads=N] [--only=WORKLOAD[,WORKLOAD]]
                                       [--startup-seconds=S] [--stack-pids=PID[,PID]]
              --quick                          a short run (minutes) instead of the full one
              --incident-service=URL           default http://localhost:8081
              --timeline-service=URL           default http://localhost:8082 (logins required)
              --anonymous-timeline-service=URL default http://localhost:8092 (an instance with anonymous VIEWER)
              --dashboard=URL                  default: the timeline-service URL (the dashboard as browsers reach it;
                                               its login's redirect URI must be registered for it)
              --results=FILE                   default target/bench/results.json
              --sinks=URL                      default http://127.0.0.1:8089 (the stack's webhook sink)
              --smtp=HOST:PORT                 default 127.0.0.1:2525 (the stack's SMTP server)
              --postgres=HOST:PORT             default 127.0.0.1:5432 (the stack's PostgreSQL, user postgres)
              --kafka=HOST:PORT                default 127.0.0.1:9092 (the stack's Kafka broker)
              --delivery-threads=N             default 8: notification-service's notifications.delivery.threads,
                                               the threads of notification-throughput's baseline
              --only=WORKLOAD[,WORKLOAD]       run only these (startup, command-throughput, store-growth,
                                               authenticated-read, board-render, dashboard-streams,
                                               notification-throughput, alert-ingest,
                                               end-to-end-latency, sla-report, replay, footprint)
              --startup-seconds=S              how long the stack took to start (./stack bench measures it when it
                                               starts one): reported as the workload startup, left out without it
              --stack-pids=PID[,PID]           the stack's processes: their memory with their children's is the
                                               workload footprint, measured last, left out without them (Linux only)""";

    /** Whether the workload named {@code name} is to run: every one unless {@code --only} names some. */
    boolean runs(String name) {
        return only.isEmpty() || only.contains(name);
    }

    static BenchOptions parse(String... args) {
        RunProfile profile = RunProfile.full();
        URI incidentService = URI.create("http://localhost:8081");
        URI timelineService = URI.create("http://localhost:8082");
        URI anonymousTimelineService = URI.create("http://localhost:8092");
        URI dashboard = null;
        Path resultsFile = Path.of("target", "bench", "results.json");
        Set<String> only = Set.of();
        URI sinks = URI.create("http://127.0.0.1:8089");
        String smtp = "127.0.0.1:2525";
        String postgres = "127.0.0.1:5432";
        String kafka = "127.0.0.1:9092";
        int deliveryThreads = 8;
        Double startupSeconds = null;
        List<Long> stackProcesses = List.of();
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.equals("--quick")) {
                profile = RunProfile.quick();
            } else if (arg.startsWith("--incident-service=")) {
                incidentService = URI.create(value);
            } else if (arg.startsWith("--timeline-service=")) {
                timelineService = URI.create(value);
            } else if (arg.startsWith("--anonymous-timeline-service=")) {
                anonymousTimelineService = URI.create(value);
            } else if (arg.startsWith("--dashboard=")) {
                dashboard = URI.create(value);
            } else if (arg.startsWith("--only=")) {
                only = Set.of(value.split(","));
            } else if (arg.startsWith("--sinks=")) {
                sinks = URI.create(value);
            } else if (arg.startsWith("--smtp=")) {
                smtp = value;
            } else if (arg.startsWith("--postgres=")) {
                postgres = value;
            } else if (arg.startsWith("--kafka=")) {
                kafka = value;
            } else if (arg.startsWith("--delivery-threads=")) {
                deliveryThreads = Integer.parseInt(value);
            } else if (arg.startsWith("--startup-seconds=")) {
                startupSeconds = Double.parseDouble(value);
            } else if (arg.startsWith("--stack-pids=")) {
                stackProcesses = value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(Long::parseLong).toList();
            } else if (arg.startsWith("--results=")) {
                resultsFile = Path.of(value);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new BenchOptions(profile, new Targets(incidentService, timelineService, anonymousTimelineService,
                dashboard == null ? timelineService : dashboard, sinks, smtp, postgres, kafka), resultsFile, only, deliveryThreads,
                new StackFacts(startupSeconds, stackProcesses));
    }
}
