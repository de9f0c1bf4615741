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
 * Makes sure the read side has enough incidents for a workload: declares the missing ones through
 * the command API (as a responder would), then waits until the read side, fed through Kafka,
 * lists them. Only what is missing is declared, so repeated runs against one stack do not keep
 * adding incidents.
 */
final class IncidentSeeder {

    /** What the board shows: every incident not resolved. */
    static final List<String> UNRESOLVED = List.of("OPEN", "ACKNOWLEDGED", "MITIGATED");

    /**
     * SEV4 only: it pages nobody and is never escalated by timer (SPEC 4). Seeded incidents of
     * other severities stay unacknowledged and escalate for up to 90 minutes after seeding, each
     * escalation a change pushed to every open dashboard and a page to the demo contacts: background
     * load in the middle of later workloads (dashboard-streams once counted three change events per
     * command instead of one while a seeding's escalations came due). The list and the board draw
     * the same whatever the severity.
     */
    private static final String SEVERITY = "SEV4";
    private static final String[] SERVICES = {"checkout", "billing", "search", "auth", "email"};
    /** Declaring in parallel only to be done sooner; a handful is plenty for two cores. */
    private static final int DECLARING_CLIENTS = 8;
    private static final Duration READ_SIDE_PATIENCE = Duration.ofMinutes(3);

    @FunctionalInterface
    private interface Count {
        long now() throws InterruptedException;
    }

    private final Http http;
    private final Targets targets;

    IncidentSeeder(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    /** At least {@code wanted} incidents of any status. */
    void ensureAtLeast(int wanted) throws InterruptedException {
        ensure(wanted, "", () -> listed(null));
    }

    /** At least {@code wanted} incidents not resolved: the open incidents on the board. Declared ones stay open. */
    void ensureOpenAtLeast(int wanted) throws InterruptedException {
        ensure(wanted, " open", this::unresolved);
    }

    /** How many incidents are not resolved, as the read API counts them (one status at a time). */
    long unresolved() throws InterruptedException {
        long total = 0;
        for (String status : UNRESOLVED) {
            total += listed(status);
        }
        return total;
    }

    private void ensure(int wanted, String what, Count count) throws InterruptedException {
        long listed = count.now();
        if (listed >= wanted) {
            Console.say("%d%s incidents listed, no seeding needed", listed, what);
            return;
        }
        int missing = (int) (wanted - listed);
        Console.say("%d%s incidents listed; declaring %d more through %s", listed, what, missing, targets.incidentService());
        long start = System.nanoTime();
        // An API token rather than a Basic login: 8 first logins at once on a fresh stack are refused (429) by the
        // login throttle, which counts an attempt before the (slow) password check.
        try (ApiToken token = ApiToken.issue(http, targets, "seeding", "RESPONDER")) {
            declare(missing, token);
        }
        Console.say("declared %d incidents in %d s", missing, (System.nanoTime() - start) / 1_000_000_000L);
        awaitListed(wanted, what, count);
    }

    private void declare(int count, Credentials responder) throws InterruptedException {
        URI declareUri = targets.incidentService().resolve("/api/v1/incidents");
        ExecutorService pool = Executors.newFixedThreadPool(DECLARING_CLIENTS);
        try {
            List<Future<?>> declared = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = String.format("{\"title\":\"Bench incident %d\",\"description\":\"Seeded by ./stack bench\","
                        + "\"severity\":\"%s\",\"services\":[\"%s\"]}", i, SEVERITY, SERVICES[i % SERVICES.length]);
                declared.add(pool.submit(() -> http.expect(201, Http.postJson(declareUri, responder, body))));
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

    private void awaitListed(int wanted, String what, Count count) throws InterruptedException {
        long giveUpAt = System.nanoTime() + READ_SIDE_PATIENCE.toNanos();
        long listed;
        while ((listed = count.now()) < wanted) {
            if (System.nanoTime() > giveUpAt) {
                throw new BenchFailure("timeline-service lists " + listed + what + " incidents " + READ_SIDE_PATIENCE.toMinutes()
                        + " minutes after seeding, not " + wanted + ": is it consuming incident-events?");
            }
            Thread.sleep(1000);
        }
        Console.say("timeline-service lists %d%s incidents", listed, what);
    }

    private long listed(String status) throws InterruptedException {
        URI uri = targets.timelineService().resolve("/api/v1/incidents?size=1" + (status == null ? "" : "&status=" + status));
        return http.expect(200, Http.get(uri, BasicLogin.VIEWER)).path("total").asLong();
    }
}
