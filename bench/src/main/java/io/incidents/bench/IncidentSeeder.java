package io.incidents.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes sure the read side has enough incidents that a page of the list is a full page: declares
 * the missing ones through the command API (as a responder would), then waits until the read
 * side, fed through Kafka, lists them.
 */
final class IncidentSeeder {

    private static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV4"};
    private static final String[] SERVICES = {"checkout", "billing", "search", "auth", "email"};
    /** Declaring in parallel only to be done sooner; a handful is plenty for two cores. */
    private static final int DECLARING_CLIENTS = 4;
    private static final Duration READ_SIDE_PATIENCE = Duration.ofMinutes(3);

    private final Http http;
    private final Targets targets;

    IncidentSeeder(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    void ensureAtLeast(int wanted) throws InterruptedException {
        long listed = listed();
        if (listed >= wanted) {
            Console.say("%d incidents listed, no seeding needed", listed);
            return;
        }
        int missing = (int) (wanted - listed);
        Console.say("%d incidents listed; declaring %d more through %s", listed, missing, targets.incidentService());
        declare(missing);
        awaitListed(wanted);
    }

    private void declare(int count) throws InterruptedException {
        URI declareUri = targets.incidentService().resolve("/api/v1/incidents");
        ExecutorService pool = Executors.newFixedThreadPool(DECLARING_CLIENTS);
        try {
            List<Future<?>> declared = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = String.format("{\"title\":\"Bench incident %d\",\"description\":\"Seeded by ./stack bench\","
                        + "\"severity\":\"%s\",\"services\":[\"%s\"]}", i, SEVERITIES[i % SEVERITIES.length], SERVICES[i % SERVICES.length]);
                declared.add(pool.submit(() -> http.expect(201, Http.postJson(declareUri, BasicLogin.RESPONDER, body))));
            }
            for (Future<?> each : declared) {
                each.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchFailure failure ? failure : new BenchFailure("seeding failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitListed(int wanted) throws InterruptedException {
        long giveUpAt = System.nanoTime() + READ_SIDE_PATIENCE.toNanos();
        long listed;
        while ((listed = listed()) < wanted) {
            if (System.nanoTime() > giveUpAt) {
                throw new BenchFailure("timeline-service lists " + listed + " incidents " + READ_SIDE_PATIENCE.toMinutes()
                        + " minutes after seeding, not " + wanted + ": is it consuming incident-events?");
            }
            Thread.sleep(1000);
        }
        Console.say("timeline-service lists %d incidents", listed);
    }

    private long listed() throws InterruptedException {
        URI uri = targets.timelineService().resolve("/api/v1/incidents?size=1");
        return http.expect(200, Http.get(uri, BasicLogin.VIEWER)).path("total").asLong();
    }
}
