package io.incidents.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How fast notification-service pages everyone in an alert storm (issue "Performance", workload
 * 7). Each round sends a storm of critical PagerDuty alerts (each a new SEV1 incident: chat,
 * email and webhook messages) as fast as 64 senders can, waits until every message went out, and
 * counts messages per second from the storm's first alert to the last message out. Its baseline,
 * in the same round: the same messages sent again to the same receivers by a plain loop
 * ({@link PlainDelivery}). Then, at a steady 50 alerts a second, how long each alert's first page
 * took from the alert's 202 to the receiver (p50 and p99 of the result). Between phases the
 * incidents are resolved and the resolution messages drained, so each phase starts idle.
 * Goals: >= 1,000 messages/s, ratio >= 0.3, first page p99 < 1 s.
 */
final class NotificationThroughputWorkload implements Workload {

    private static final String NAME = "notification-throughput";
    private static final int SENDERS = 64;
    private static final int PACED_PER_SECOND = 50;
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(15);

    private final PagerDutyAlerts alerts;
    private final DeliveryLogReader log;
    private final PlainDelivery baseline;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    NotificationThroughputWorkload(HttpClient http, Targets targets, DeliveryLogReader log, PlainDelivery baseline) {
        this.alerts = new PagerDutyAlerts(http, targets.incidentService());
        this.log = log;
        this.baseline = baseline;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return new Goal(">= 1000 messages/s, ratio >= 0.3, first page p99 < 1000 ms", result -> result.value() >= 1000
                && result.ratio() != null && result.ratio() >= 0.3 && result.p99() != null && result.p99() < 1000);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        try {
            return List.of(measure(profile));
        } finally {
            log.close();
        }
    }

    private WorkloadResult measure(RunProfile profile) throws InterruptedException {
        boolean quick = profile.isQuick();
        // Each alert of a storm is about 20 messages with its resolution, all drained before the
        // next phase at about 150 a second on 2 cores: the phases are sized so the quick run stays
        // near its minutes and the full run under its 30 (1,500-alert storms and a minute of steady
        // alerts took over 20 minutes alone).
        int stormSize = quick ? 40 : 500;
        int rounds = quick ? 1 : 2;
        Duration paced = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(20);
        waitUntilIdle();
        Console.say("%s: warm-up storm of %d alerts", NAME, stormSize / 5);
        storm("warm-up", stormSize / 5);
        long messages = 0;
        long measuredNanos = 0;
        long baselineNanos = 0;
        for (int round = 1; round <= rounds; round++) {
            Storm storm = storm("round-" + round, stormSize);
            long plain = baseline.sendAll(storm.messages());
            Console.say("%s: round %d/%d, %d messages: service %.1f/s, plain loop %.1f/s", NAME, round, rounds,
                    storm.messages().size(), perSecond(storm.messages().size(), storm.nanos()),
                    perSecond(storm.messages().size(), plain));
            messages += storm.messages().size();
            measuredNanos += storm.nanos();
            baselineNanos += plain;
        }
        Latencies firstPages = firstPagesAtSteadyRate(paced);
        return WorkloadResult.throughput(NAME, "messages/s", perSecond(messages, measuredNanos),
                perSecond(messages, baselineNanos), firstPages);
    }

    private record Storm(List<DeliveryLogReader.Message> messages, long nanos) {
    }

    /** Alerts as fast as the senders go; back once every message of their incidents is out (then resolved and drained). */
    private Storm storm(String phase, int size) throws InterruptedException {
        String prefix = "bench-" + runId + "-" + phase + "-";
        Instant start = Instant.now();
        Parallel.forEachIndex(SENDERS, size, i -> alerts.trigger(prefix + i));
        List<String> incidents = List.copyOf(awaitIncidents(prefix, size).values());
        DeliveryLogReader.Progress done = awaitAllSent(incidents);
        List<DeliveryLogReader.Message> messages = log.messages(incidents);
        long nanos = Duration.between(start, done.lastSent()).toNanos();
        resolveAndDrain(prefix, size);
        return new Storm(messages, nanos);
    }

    /** Alerts at a steady rate; each one's time from its 202 to its incident's first message out. */
    private Latencies firstPagesAtSteadyRate(Duration length) throws InterruptedException {
        String prefix = "bench-" + runId + "-paced-";
        int count = (int) (length.toSeconds() * PACED_PER_SECOND);
        Console.say("%s: %d alerts at %d a second, timing each one's first page", NAME, count, PACED_PER_SECOND);
        List<Instant> acceptedAt = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / PACED_PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            alerts.trigger(prefix + i);
            acceptedAt.add(Instant.now());
        }
        Map<String, String> incidentOfAlert = awaitIncidents(prefix, count);
        List<String> incidents = List.copyOf(incidentOfAlert.values());
        awaitAllSent(incidents);
        Map<String, Instant> firstSent = log.firstSent(incidents);
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            Instant sent = firstSent.get(incidentOfAlert.get(prefix + i));
            if (sent == null) {
                throw new BenchFailure("alert " + prefix + i + " opened no incident whose message went out");
            }
            latencies[i] = Math.max(0, Duration.between(acceptedAt.get(i), sent).toNanos());
        }
        resolveAndDrain(prefix, count);
        return new Latencies(latencies);
    }

    /** Each alert's dedup key with the incident it opened, once all {@code count} alerts opened theirs. */
    private Map<String, String> awaitIncidents(String prefix, int count) throws InterruptedException {
        return awaitCondition("the incidents of " + count + " alerts " + prefix + "*", () -> {
            Map<String, String> incidents = log.incidentsByDedupKey(prefix);
            return incidents.size() >= count ? incidents : null;
        });
    }

    /** Every incident has its messages recorded (one transaction per event) and none is pending. */
    private DeliveryLogReader.Progress awaitAllSent(List<String> incidents) throws InterruptedException {
        return awaitCondition("every message of " + incidents.size() + " incidents sent", () -> {
            DeliveryLogReader.Progress progress = log.progress(incidents);
            return progress.incidentsWithMessages() == incidents.size() && progress.pending() == 0 ? progress : null;
        });
    }

    private void resolveAndDrain(String prefix, int count) throws InterruptedException {
        Parallel.forEachIndex(SENDERS, count, i -> alerts.resolve(prefix + i));
        waitUntilIdle();
    }

    /** No message of any incident being sent or due: what one phase caused never runs into the next one's figures. */
    private void waitUntilIdle() throws InterruptedException {
        // The resolutions travel alert -> incident -> Kafka -> notification-service before they are pending.
        Thread.sleep(2000);
        awaitCondition("no message being sent or due", () -> log.sendingOrDue() == 0 ? Boolean.TRUE : null);
    }

    private interface Check<T> {
        /** The value once the condition holds, else null. */
        T value() throws InterruptedException;
    }

    private static <T> T awaitCondition(String what, Check<T> check) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (true) {
            T value = check.value();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure(NAME + ": waited " + DRAIN_LIMIT.toMinutes() + " min for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
