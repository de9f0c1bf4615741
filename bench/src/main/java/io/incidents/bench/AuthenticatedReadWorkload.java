package io.incidents.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
        URI page = targets.anonymousTimelineService().resolve(PAGE);
        HttpRequest authenticated = Http.get(page, BasicLogin.VIEWER);
        HttpRequest baseline = Http.get(page, null);
        checkComparable(authenticated, baseline);

        try (ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
            Console.say("%s: warm-up, %d s per side, %d clients", NAME, profile.warmUp().toSeconds(), CLIENTS);
            load.run(baseline, profile.warmUp());
            load.run(authenticated, profile.warmUp());
            LoadSample baselineTotal = LoadSample.NONE;
            LoadSample authenticatedTotal = LoadSample.NONE;
            List<Double> roundRatios = new ArrayList<>();
            for (int round = 1; round <= profile.rounds(); round++) {
                LoadSample baselineRound = load.run(baseline, profile.round());
                LoadSample authenticatedRound = load.run(authenticated, profile.round());
                roundRatios.add(authenticatedRound.perSecond() / baselineRound.perSecond());
                Console.say("%s: round %d/%d, baseline %.1f requests/s, authenticated %.1f requests/s", NAME, round,
                        profile.rounds(), baselineRound.perSecond(), authenticatedRound.perSecond());
                baselineTotal = baselineTotal.plus(baselineRound);
                authenticatedTotal = authenticatedTotal.plus(authenticatedRound);
            }
            Collections.sort(roundRatios);
            // How far single rounds disagree tells how much the machine's other load moved the figure.
            Console.say("%s: ratio per round from %.3f to %.3f, median %.3f", NAME, roundRatios.get(0),
                    roundRatios.get(roundRatios.size() - 1), roundRatios.get(roundRatios.size() / 2));
            return WorkloadResult.throughput(NAME, authenticatedTotal.perSecond(), baselineTotal.perSecond(),
                    authenticatedTotal.latencies());
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
