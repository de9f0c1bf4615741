package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * What a login costs on the busiest read: a page of the incident list, 16 clients at once, with
 * HTTP Basic as the support login, against the same request without any login to an instance that
 * gives anonymous callers VIEWER. Both instances run the same jar on the same database, so the
 * difference is the authentication (the service caches a successful login, so BCrypt is paid
 * once per cache period, not per request). Goal of the issue "Identity and access": ratio >= 0.7.
 */
final class AuthenticatedReadWorkload implements Workload {

    static final String NAME = "authenticated-read";
    static final int CLIENTS = 16;
    static final int PAGE_SIZE = 20;
    /** Enough that every measured page is a full one. */
    static final int MINIMUM_INCIDENTS = 200;
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
    public WorkloadResult run(RunProfile profile) throws InterruptedException {
        new IncidentSeeder(http, targets).ensureAtLeast(MINIMUM_INCIDENTS);
        URI authenticatedPage = targets.timelineService().resolve(PAGE);
        URI anonymousPage = targets.anonymousTimelineService().resolve(PAGE);
        HttpRequest authenticated = Http.get(authenticatedPage, BasicLogin.VIEWER);
        HttpRequest baseline = Http.get(anonymousPage, null);
        checkComparable(authenticated, baseline);

        try (ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
            Console.say("%s: warm-up, %d s per side, %d clients", NAME, profile.warmUp().toSeconds(), CLIENTS);
            load.run(baseline, profile.warmUp());
            load.run(authenticated, profile.warmUp());
            LoadSample baselineTotal = LoadSample.NONE;
            LoadSample authenticatedTotal = LoadSample.NONE;
            for (int round = 1; round <= profile.rounds(); round++) {
                LoadSample baselineRound = load.run(baseline, profile.round());
                LoadSample authenticatedRound = load.run(authenticated, profile.round());
                Console.say("%s: round %d/%d, baseline %.1f requests/s, authenticated %.1f requests/s", NAME, round,
                        profile.rounds(), baselineRound.perSecond(), authenticatedRound.perSecond());
                baselineTotal = baselineTotal.plus(baselineRound);
                authenticatedTotal = authenticatedTotal.plus(authenticatedRound);
            }
            return WorkloadResult.throughput(NAME, authenticatedTotal.perSecond(), baselineTotal.perSecond(),
                    authenticatedTotal.latencies());
        }
    }

    /**
     * The comparison means something only if the measured side really checks logins and both
     * sides serve the same full page.
     */
    private void checkComparable(HttpRequest authenticated, HttpRequest baseline) throws InterruptedException {
        http.expect(401, Http.get(authenticated.uri(), null));
        int authenticatedItems = http.expect(200, authenticated).path("items").size();
        int baselineItems = http.expect(200, baseline).path("items").size();
        if (authenticatedItems != PAGE_SIZE || baselineItems != PAGE_SIZE) {
            throw new BenchFailure("expected full pages of " + PAGE_SIZE + " incidents, got " + authenticatedItems
                    + " (authenticated) and " + baselineItems + " (baseline)");
        }
    }
}
