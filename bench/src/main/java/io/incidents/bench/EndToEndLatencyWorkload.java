package io.incidents.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How long an alert takes to reach the people who look (issue "Performance", workload 4): PagerDuty
 * triggers at a steady 500 a second (an open loop; at half of what the stack ingests if that is
 * less, see {@link #pace}), each a new SEV4 incident, timed from its 202
 * to (1) the incident visible in timeline-service ({@link IncidentVisibility}: the NOTIFY of the
 * transaction that stored it) and (2) its first webhook message delivered (notification-service's
 * delivery log). Baseline: a bare Kafka round trip on the same broker at the same pace
 * ({@link KafkaRoundTrip}). Two results, one per path, each with its p99 as the figure. Goal:
 * p99 < 300 ms. The incidents are resolved at the end.
 */
final class EndToEndLatencyWorkload implements Workload {

    private static final String NAME = "end-to-end-latency";
    private static final int PER_SECOND = 500;
    private static final int CAPACITY_SENDERS = 32;
    /** After the last alert, how long the incidents have to show up before the run fails. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final HttpClient http;
    private final Targets targets;
    private final URI enqueue;
    private final PagerDutyAlerts alerts;
    private final DeliveryLogReader log;

    EndToEndLatencyWorkload(HttpClient http, Targets targets, DeliveryLogReader log) {
        this.http = http;
        this.targets = targets;
        this.enqueue = targets.incidentService().resolve("/v2/enqueue");
        this.alerts = new PagerDutyAlerts(http, targets.incidentService());
        this.log = log;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return Goal.p99Below(300);
    }

    /**
     * How long the stack's intake is probed: 2 s in a quick run, 5 in a full one. Every probe
     * alert opens an incident that is resolved and drained before the measurement starts, so a
     * longer probe costs its length several times over.
     */
    static Duration capacityProbe(RunProfile profile) {
        return profile.isQuick() ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
    }

    /** How long the alerts are sent: 3 s in a quick run, 20 in a full one. */
    static Duration length(RunProfile profile) {
        return profile.isQuick() ? Duration.ofSeconds(3) : Duration.ofSeconds(20);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        try {
            return measure(profile);
        } finally {
            log.close();
        }
    }

    private List<WorkloadResult> measure(RunProfile profile) throws InterruptedException {
        Duration length = length(profile);
        String prefix = "bench-e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int rate = pace(prefix, capacityProbe(profile));
        awaitQuiet();
        Console.say("%s: baseline, a Kafka round trip at %d/s for %d s", NAME, rate, length.toSeconds());
        Latencies roundTrip = KafkaRoundTrip.measure(targets.kafka(), rate, length);
        Console.say("%s: %d alerts/s for %d s", NAME, rate, length.toSeconds());
        try (IncidentVisibility visibility = IncidentVisibility.listen(targets.postgres())) {
            PacedSender sender = new PacedSender(http);
            String paced = prefix + "paced-"; // apart from the probe's alerts
            Map<String, Instant> accepted = sender.send(rate, length, n -> new PacedSender.Keyed(
                    paced + n, alerts.triggerRequest(enqueue, paced + n, "info")));
            if (sender.refusals() > 0) {
                Console.say("%s: %d answers were 503 or 429 (overloaded: try again later), each alert sent again after"
                        + " its Retry-After; its latency counts from the 202 it finally got", NAME, sender.refusals());
            }
            Map<String, String> incidents = awaitIncidents(paced, accepted.size());
            List<String> ids = List.copyOf(incidents.values());
            Map<String, Instant> delivered = awaitFirstMessages(ids);
            List<Long> toTimeline = new ArrayList<>();
            List<Long> toWebhook = new ArrayList<>();
            long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
            for (Map.Entry<String, String> alert : incidents.entrySet()) {
                Instant answered = accepted.get(alert.getKey());
                Instant seen;
                while ((seen = visibility.firstSeen(alert.getValue())) == null) {
                    if (System.nanoTime() > giveUpAt) {
                        throw new BenchFailure(NAME + ": incident " + alert.getValue() + " never showed in timeline-service");
                    }
                    Thread.sleep(100);
                }
                toTimeline.add(sinceAnswer(answered, seen));
                toWebhook.add(sinceAnswer(answered, delivered.get(alert.getValue())));
            }
            resolveAll(accepted.keySet());
            return List.of(latency(NAME, toTimeline, roundTrip), latency(NAME + "-webhook", toWebhook, roundTrip));
        }
    }

    /**
     * The pace of the alerts: the 500 a second, or half of what this stack ingests when it
     * takes fewer (a pace beyond that only measures a queue growing for as long as the run lasts,
     * and ends in refusals and connection timeouts). What it ingests is measured first: alerts
     * from {@value #CAPACITY_SENDERS} senders in a closed loop for {@link #capacityProbe}.
     */
    private int pace(String prefix, Duration probeLength) throws InterruptedException {
        int[] sent = new int[CAPACITY_SENDERS];
        LoadSample probe;
        try (ClosedLoopLoad load = new ClosedLoopLoad(http, CAPACITY_SENDERS)) {
            probe = load.run(client -> alerts.send(alerts.triggerRequest(enqueue,
                    prefix + "capacity-" + client + "-" + sent[client]++, "info")), probeLength);
        }
        List<String> probeKeys = new ArrayList<>();
        for (int client = 0; client < CAPACITY_SENDERS; client++) {
            for (int n = 0; n < sent[client]; n++) {
                probeKeys.add(prefix + "capacity-" + client + "-" + n);
            }
        }
        resolveAll(probeKeys);
        int rate = (int) Math.max(10, Math.min(PER_SECOND, probe.perSecond() / 2));
        Console.say("%s: the stack ingests about %.0f alerts/s from %d senders; the pace is %d/s%s", NAME,
                probe.perSecond(), CAPACITY_SENDERS, rate, rate < PER_SECOND ? " (half of that, not the 500 asked)" : "");
        return rate;
    }

    /**
     * A path's p99 against the round trip's. An incident may show up before its 202 reaches the
     * bench (the answer is sent after the alert is stored): that counts as 0.
     */
    private static long sinceAnswer(Instant answered, Instant reached) {
        return Math.max(0, Duration.between(answered, reached).toNanos());
    }

    private static WorkloadResult latency(String name, List<Long> nanos, Latencies roundTrip) {
        Latencies path = new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
        double p99 = path.percentileMillis(99);
        double baseline = roundTrip.percentileMillis(99);
        Console.say("%s: p50 %.1f ms, p99 %.1f ms over %d alerts; Kafka round trip p50 %.1f ms, p99 %.1f ms", name,
                path.percentileMillis(50), p99, nanos.size(), roundTrip.percentileMillis(50), baseline);
        return WorkloadResult.latency(name, p99, baseline, path);
    }

    /**
     * Until what the workloads before (and the probe's resolutions) left in the pipeline is through:
     * timeline-service has every stored event and no message is being sent or due. Otherwise the
     * figure would be how long that backlog takes.
     */
    private void awaitQuiet() throws InterruptedException {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        long behind;
        int sending;
        while ((behind = log.eventsNotYetInTimeline()) > 0 | (sending = log.sendingOrDue()) > 0) {
            if (System.nanoTime() > giveUpAt) {
                throw new BenchFailure(NAME + ": the stack did not settle within " + PATIENCE.toMinutes() + " min (timeline-service "
                        + behind + " events behind, " + sending + " messages being sent or due)");
            }
            Thread.sleep(500);
        }
    }

    /** Each alert's incident, once incident-service has recorded all of them. */
    private Map<String, String> awaitIncidents(String prefix, int alertCount) throws InterruptedException {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, String> incidents = log.incidentsByDedupKey(prefix);
            if (incidents.size() >= alertCount) {
                return incidents;
            }
            if (System.nanoTime() > giveUpAt) {
                throw new BenchFailure(NAME + ": " + incidents.size() + " of " + alertCount + " alerts opened an incident");
            }
            Thread.sleep(200);
        }
    }

    private Map<String, Instant> awaitFirstMessages(List<String> incidentIds) throws InterruptedException {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Instant> first = log.firstSent(incidentIds);
            if (first.size() >= incidentIds.size()) {
                return first;
            }
            if (System.nanoTime() > giveUpAt) {
                throw new BenchFailure(NAME + ": " + first.size() + " of " + incidentIds.size()
                        + " incidents had a message delivered");
            }
            Thread.sleep(500);
        }
    }

    private void resolveAll(Collection<String> dedupKeys) throws InterruptedException {
        Console.say("%s: resolving the incidents of the alerts sent", NAME);
        List<String> keys = List.copyOf(dedupKeys);
        Parallel.forEachIndex(32, keys.size(), i -> alerts.resolve(keys.get(i)));
    }
}
