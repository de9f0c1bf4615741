package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.time.Duration;
import java.time.Instant;

/**
 * How fast timeline-service rebuilds every read model from {@code incident-events} (issue
 * "Performance", workload 5): a replay started through the admin API over whatever the topic holds
 * after the workloads before it, timed by the service itself from start to swap. Baseline: a plain
 * consumer reading the same topic ({@link PlainTopicRead}), once before and once after the replay
 * (after one unmeasured read), their mean. Goals: >= 100,000 events/s and ratio >= 0.5.
 */
final class ReplayWorkload implements Workload {

    private static final String NAME = "replay";
    private static final String TOPIC = "incident-events";
    private static final Duration POLL = Duration.ofMillis(500);

    private final Http http;
    private final Targets targets;

    ReplayWorkload(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return new Goal(">= 100000 events/s, ratio >= 0.5",
                result -> result.value() >= 100_000 && result.ratio() != null && result.ratio() >= 0.5);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        PlainTopicRead.read(targets.kafka(), TOPIC); // unmeasured: the bench's own JIT warms up on it
        PlainTopicRead.Outcome before = PlainTopicRead.read(targets.kafka(), TOPIC);
        Console.say("%s: baseline read %d records at %.0f/s", NAME, before.records(), before.perSecond());
        double replayed = replay();
        PlainTopicRead.Outcome after = PlainTopicRead.read(targets.kafka(), TOPIC);
        Console.say("%s: baseline read %d records at %.0f/s", NAME, after.records(), after.perSecond());
        return List.of(WorkloadResult.rate(NAME, "events/s", replayed, (before.perSecond() + after.perSecond()) / 2));
    }

    /** Runs one replay to its end; its events a second as the service counts them (start to swap). */
    private double replay() throws InterruptedException {
        URI replay = targets.timelineService().resolve("/api/v1/admin/replay");
        http.expect(202, Http.post(replay, BasicLogin.ADMIN));
        Instant lastSaid = Instant.now();
        while (true) {
            Thread.sleep(POLL.toMillis());
            JsonNode status = http.expect(200, Http.get(replay, BasicLogin.ADMIN));
            String state = status.path("state").asText();
            if ("COMPLETED".equals(state)) {
                Console.say("%s: %d events replayed (%d skipped) at %.0f/s", NAME, status.path("eventsDone").asLong(),
                        status.path("eventsSkipped").asLong(), status.path("eventsPerSecond").asDouble());
                return status.path("eventsPerSecond").asDouble();
            }
            if (!"RUNNING".equals(state)) {
                throw new BenchFailure(NAME + ": the replay ended " + state + ": " + status.path("error").asText());
            }
            if (Duration.between(lastSaid, Instant.now()).toSeconds() >= 10) {
                lastSaid = Instant.now();
                Console.say("%s: %d of %d events", NAME, status.path("eventsDone").asLong(), status.path("eventsTotal").asLong());
            }
        }
    }
}
