package io.incidents.bench;

import java.net.URI;
import java.util.List;
import java.net.http.HttpRequest;

/**
 * What a login costs on the busiest read: a page of the incident list, 16 clients at once, with
 * HTTP Basic as the support login, against the same request without any login. Goal of the issue
 * "Identity and access": ratio >= 0.7.
 * <p>
 * Both sides go to the one instance that also lets anonymous callers read as VIEWER, so the
 * Authorization header is the only difference: a login takes the same path there as on the
 * stack's own timeline-service (anonymous access only fills in for requests without one). Sending
 * the logins to the stack's long-running instance instead compared a warm JVM with one just
 * started, which alone moved the ratio between 0.8 and 1.7 (docs/performance.md). The service
 * caches a successful login, so BCrypt is paid once per cache period, not per request.
 */
final class AuthenticatedReadWorkload implements Workload {

    private static final String NAME = "authenticated-read";
    private static final int CLIENTS = 16;
    private static final int PAGE_SIZE = 20;
    /** Enough that every measured page is a full one. */
    private static final int MINIMUM_INCIDENTS = 200;
    private static final String PAGE = "/api/v1/incidents?size=" + PAGE_SIZE;

    private final Http http;
    private final Targets targets;

    AuthenticatedReadWorkload(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return Goal.ratioAtLeast(0.7);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        new IncidentSeeder(http, targets).ensureAtLeast(MINIMUM_INCIDENTS);
        URI page = targets.anonymousTimelineService().resolve(PAGE);
        HttpRequest authenticated = Http.get(page, BasicLogin.VIEWER);
        HttpRequest baseline = Http.get(page, null);
        checkComparable(authenticated, baseline);

        try (ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
            AlternatingComparison.Outcome outcome = new AlternatingComparison(NAME, load).run(baseline, authenticated, profile);
            return List.of(WorkloadResult.throughput(NAME, outcome.measured().perSecond(), outcome.baseline().perSecond(),
                    outcome.measured().latencies()));
        }
    }

    /**
     * The comparison means something only if the login is really checked (a wrong password is
     * refused although anonymous callers may read) and both sides serve the same full page.
     */
    private void checkComparable(HttpRequest authenticated, HttpRequest baseline) throws InterruptedException {
        http.expect(401, Http.get(authenticated.uri(), BasicLogin.WRONG_PASSWORD));
        int authenticatedItems = http.expect(200, authenticated).path("items").size();
        int baselineItems = http.expect(200, baseline).path("items").size();
        if (authenticatedItems != PAGE_SIZE || baselineItems != PAGE_SIZE) {
            throw new BenchFailure("expected full pages of " + PAGE_SIZE + " incidents, got " + authenticatedItems
                    + " (authenticated) and " + baselineItems + " (baseline)");
        }
    }
}
