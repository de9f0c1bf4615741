package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.browsersession.HtmlTags;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The board with at least 1,000 open incidents, rendered on the server for a few people at once
 * (issue 9: "the board for 1,000 open incidents renders in under 300 ms on the server"). Goal:
 * p99 < 300 ms.
 * <p>
 * Each client is a person logged in to the dashboard once (OpenID Connect, a session of its own)
 * asking for {@code /} again and again. The baseline is the same incidents through the JSON read
 * API on the same instance, with the same clients: every page of {@code /api/v1/incidents?status=S&size=500}
 * for each status the board shows (OPEN, ACKNOWLEDGED, MITIGATED), sent with an API token. One
 * "board" of the baseline is all those pages, so the ratio says what the page costs beyond reading
 * the same data.
 */
final class BoardRenderWorkload implements Workload {

    private static final String NAME = "board-render";
    private static final int CLIENTS = 4;
    private static final int MINIMUM_OPEN = 1000;
    private static final int PAGE_SIZE = 500;
    /** The board draws at most this many rows (timeline-service's BoardController.MAX_ROWS). */
    private static final int BOARD_LIMIT = 2000;
    /** Others may declare or resolve incidents on a shared stack between the two counts. */
    private static final double COUNT_TOLERANCE = 0.02;

    private final Http http;
    private final Targets targets;

    BoardRenderWorkload(Http http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Goal goal() {
        return Goal.p99Below(300);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) throws InterruptedException {
        IncidentSeeder seeder = new IncidentSeeder(http, targets);
        seeder.ensureOpenAtLeast(MINIMUM_OPEN);
        List<DashboardSession> sessions = DashboardSession.loginAll(CLIENTS, targets.dashboard(), BasicLogin.VIEWER);
        try (ApiToken token = ApiToken.issue(http, targets, NAME, "VIEWER");
             ClosedLoopLoad load = new ClosedLoopLoad(http.client(), CLIENTS)) {
            List<URI> pages = apiPages(seeder);
            checkComparable(sessions.get(0), pages, token);
            ClosedLoopLoad.Operation board = client -> Http.send(sessions.get(client).client(), sessions.get(client).page("/"), 200);
            ClosedLoopLoad.Operation api = client -> {
                for (URI page : pages) {
                    Http.send(http.client(), Http.get(page, token), 200);
                }
            };
            AlternatingComparison.Outcome outcome = new AlternatingComparison(NAME, load)
                    .run(AlternatingComparison.Side.of(api), AlternatingComparison.Side.of(board), profile);
            // Still the board at the end, not a login page after a lost session (that would be a 302, but make sure).
            rowsOnBoard(sessions.get(0));
            return List.of(WorkloadResult.throughput(NAME, "boards/s", outcome.measured().perSecond(), outcome.baseline().perSecond(),
                    outcome.measured().latencies()));
        } finally {
            for (DashboardSession session : sessions) {
                try {
                    session.logout();
                } catch (BenchFailure e) {
                    Console.say("could not log %s out: %s", session.username(), e.getMessage());
                }
            }
        }
    }

    /** Every page of the read API that together list the incidents the board shows. */
    private List<URI> apiPages(IncidentSeeder seeder) throws InterruptedException {
        List<URI> pages = new ArrayList<>();
        for (String status : IncidentSeeder.UNRESOLVED) {
            URI first = targets.timelineService().resolve("/api/v1/incidents?status=" + status + "&size=1");
            long total = http.expect(200, Http.get(first, BasicLogin.VIEWER)).path("total").asLong();
            for (long page = 0; page * PAGE_SIZE < total; page++) {
                pages.add(targets.timelineService().resolve("/api/v1/incidents?status=" + status + "&size=" + PAGE_SIZE
                        + "&page=" + page));
            }
        }
        return pages;
    }

    /**
     * The comparison means something only if the board really draws the incidents (not a login
     * or an error page) and the baseline's pages list as many.
     */
    private void checkComparable(DashboardSession session, List<URI> pages, ApiToken token) throws InterruptedException {
        int rows = rowsOnBoard(session);
        long items = 0;
        for (URI page : pages) {
            JsonNode answer = http.expect(200, Http.get(page, token));
            items += answer.path("items").size();
        }
        Console.say("%s: the board draws %d rows; the read API lists %d unresolved incidents in %d page(s) of up to %d",
                NAME, rows, items, pages.size(), PAGE_SIZE);
        if (rows < MINIMUM_OPEN) {
            throw new BenchFailure("the board draws " + rows + " rows, fewer than the " + MINIMUM_OPEN + " open incidents seeded");
        }
        if (rows >= BOARD_LIMIT) {
            throw new BenchFailure("the board draws at most " + BOARD_LIMIT + " rows and there are more open incidents ("
                    + items + "), so the baseline would read more than the board shows: use a stack with fewer");
        }
        if (Math.abs(rows - items) > COUNT_TOLERANCE * rows) {
            throw new BenchFailure("the board draws " + rows + " rows but the read API lists " + items
                    + " unresolved incidents: the two sides would not serve the same incidents");
        }
    }

    private int rowsOnBoard(DashboardSession session) throws InterruptedException {
        HttpResponse<byte[]> answer = Http.send(session.client(), session.page("/"), 200);
        String html = new String(answer.body(), StandardCharsets.UTF_8);
        if (!BoardPage.isBoard(html)) {
            throw new BenchFailure("GET " + answer.uri() + " as " + session.username() + " answered \""
                    + HtmlTags.title(html) + "\", not the board");
        }
        return BoardPage.rows(html);
    }
}
