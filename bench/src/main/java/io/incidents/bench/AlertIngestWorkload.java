package io.incidents.bench;

import java.net.URI;
import java.util.List;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;

/**
 * How many alerts incident-service ingests a second (issue "Performance", workload 3): PagerDuty
 * Events v2 triggers from 64 senders in a closed loop, one in ten a repeat of the sender's
 * previous alert (deduplicated into its open incident), the rest new incidents (severity info:
 * SEV4, so nobody is paged and the storm measures ingestion, not delivery). Baseline: the same
 * events posted to the same service's parse-only endpoint ({@code /bench/v2/enqueue}, on only in
 * the bench's own stack), which parses the JSON and answers 202. Goals: 5,000/s, ratio >= 0.5,
 * p99 < 50 ms. Rounds are short whatever the profile: every new alert is an incident for the
 * read sides to project, and the full profile's ten minutes would open half a million. The alerts'
 * incidents are resolved at the end.
 */
final class AlertIngestWorkload implements Workload {

    private static final String NAME = "alert-ingest";
    private static final int SENDERS = 64;
    private static final int REPEAT_EVERY = 10;
    /** SEV4: nobody is paged, so the figure is ingestion, not delivery. */
    private static final String SEVERITY = "info";

    private final HttpClient http;
    private final URI enqueue;
    private final URI parseOnly;
    private final PagerDutyAlerts alerts;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    AlertIngestWorkload(HttpClient http, Targets targets) {
        this.http = http;
        this.enqueue = targets.incidentService().resolve("/v2/enqueue");
        this.parseOnly = targets.incidentService().resolve("/bench/v2/enqueue");
        this.alerts = new PagerDutyAlerts(http, targets.incidentService());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return new Goal(">= 5000 alerts/s, ratio >= 0.5, p99 < 50 ms", result -> result.value() >= 5000
                && result.ratio() != null && result.ratio() >= 0.5 && result.p99() != null && result.p99() < 50);
    }

    /** The alerts each sender sent: its n-th is a repeat of its (n-1)-th every {@value #REPEAT_EVERY}. */
    static String dedupKey(String prefix, int sender, int nth) {
        int alert = nth % REPEAT_EVERY == REPEAT_EVERY - 1 ? nth - 1 : nth;
        return prefix + sender + "-" + alert;
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        if (Http.send(http, alerts.triggerRequest(parseOnly, "probe", SEVERITY), 202, 404, 401, 403).statusCode() != 202) {
            throw new BenchFailure(NAME + ": incident-service has no parse-only baseline endpoint (" + parseOnly
                    + "); start it with INCIDENTS_BENCH_BASELINEENDPOINT=true, or let ./stack bench start a stack of its own");
        }
        RunProfile shortRounds = new RunProfile(profile.name(), min(profile.warmUp(), Duration.ofSeconds(10)),
                Math.min(profile.rounds(), 12), min(profile.round(), Duration.ofSeconds(5)));
        String prefix = "bench-ingest-" + runId + "-";
        int[] sent = new int[SENDERS];
        int[] sentToBaseline = new int[SENDERS];
        try (ClosedLoopLoad load = new ClosedLoopLoad(http, SENDERS)) {
            AlternatingComparison.Side baseline = AlternatingComparison.Side.of(client -> alerts.send(
                    alerts.triggerRequest(parseOnly, dedupKey(prefix + "baseline-", client, sentToBaseline[client]++), SEVERITY)));
            AlternatingComparison.Side measured = AlternatingComparison.Side.of(client -> alerts.send(
                    alerts.triggerRequest(enqueue, dedupKey(prefix, client, sent[client]++), SEVERITY)));
            AlternatingComparison.Outcome outcome = new AlternatingComparison(NAME, load).run(baseline, measured, shortRounds);
            WorkloadResult result = WorkloadResult.throughput(NAME, "alerts/s", outcome.measured().perSecond(),
                    outcome.baseline().perSecond(), outcome.measured().latencies());
            resolveAll(prefix, sent);
            return List.of(result);
        }
    }

    /** Each thread takes the next sender whose alerts are not resolved yet (a repeat has no incident of its own). */
    private void resolveAll(String prefix, int[] sent) throws InterruptedException {
        Console.say("%s: resolving the incidents of the alerts sent", NAME);
        Parallel.forEachIndex(SENDERS, sent.length, sender -> {
            for (int nth = 0; nth < sent[sender]; nth++) {
                if (nth % REPEAT_EVERY != REPEAT_EVERY - 1) {
                    alerts.resolve(dedupKey(prefix, sender, nth));
                }
            }
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
