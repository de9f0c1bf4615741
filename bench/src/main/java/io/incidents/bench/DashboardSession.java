package io.incidents.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A person logged in to the dashboard the way a browser does it: the OpenID Connect
 * authorization-code login through the identity provider's form, with a cookie jar of its own
 * (the dashboard's {@code SESSION} and the provider's session cookie), then every page asked for
 * with that session. No API credential is involved: the dashboard does not accept one.
 * <p>
 * Redirects are followed here rather than by the HttpClient, so each step can be checked and a
 * failed login names the step where it went wrong. The dashboard must be addressed by a host and
 * port its login's redirect URI is registered for at the provider (the stack's local-auth has
 * localhost:8082 and 127.0.0.1:8082): the provider refuses any other.
 */
final class DashboardSession {

    /**
     * The board filtered to a service no incident has: the whole page with its layout (and the
     * session's CSRF token) but no row. Logging in and out through it costs the service little,
     * where the full board draws every open incident.
     */
    static final String EMPTY_BOARD = "/?service=bench-no-such-service";

    /** Logging in in parallel only to be done sooner. */
    private static final int LOGGING_IN = 4;
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303);

    private final URI dashboard;
    private final BasicLogin person;
    private final HttpClient client;

    private DashboardSession(URI dashboard, BasicLogin person, HttpClient client) {
        this.dashboard = dashboard;
        this.person = person;
        this.client = client;
    }

    /**
     * Opens the board without a session (redirected to the provider's login form), fills in the
     * form and follows the redirects back to the board, which must then answer with the board.
     * It asks for the {@link #EMPTY_BOARD}, so the dashboard sends it back there.
     */
    static DashboardSession login(URI dashboard, BasicLogin person) throws InterruptedException {
        HttpClient client = Http.newClientBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        DashboardSession session = new DashboardSession(dashboard, person, client);
        HttpResponse<String> loginPage = session.follow(session.page(EMPTY_BOARD));
        if (BoardPage.isBoard(loginPage.body())) {
            throw new BenchFailure("the board at " + dashboard + " answered without a login: is this the dashboard?");
        }
        LoginForm form;
        try {
            form = LoginForm.parse(loginPage.body(), loginPage.uri());
        } catch (IllegalArgumentException e) {
            throw new BenchFailure("logging in to " + dashboard + ": " + e.getMessage() + " (it answered "
                    + loginPage.statusCode() + ", \"" + BoardPage.title(loginPage.body()) + "\")");
        }
        HttpRequest submit = HttpRequest.newBuilder(form.action()).timeout(Http.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form.body(person.username(), person.password())))
                .build();
        HttpResponse<String> board = session.follow(submit);
        if (!BoardPage.isBoard(board.body()) || !board.uri().getPath().equals(dashboard.resolve("/").getPath())) {
            throw new BenchFailure("logging in to " + dashboard + " as " + person.username() + " ended at " + board.uri()
                    + " (" + board.statusCode() + ", \"" + BoardPage.title(board.body()) + "\"), not on the board");
        }
        return session;
    }

    /** {@code count} sessions of {@code person}, logged in a few at a time. */
    static List<DashboardSession> loginAll(int count, URI dashboard, BasicLogin person) throws InterruptedException {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(LOGGING_IN);
        try {
            List<Future<DashboardSession>> logins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                logins.add(pool.submit(() -> DashboardSession.login(dashboard, person)));
            }
            List<DashboardSession> sessions = new ArrayList<>();
            for (Future<DashboardSession> login : logins) {
                sessions.add(login.get());
            }
            Console.say("logged in to the dashboard %d times as %s in %.1f s", count, person.username(),
                    (System.nanoTime() - start) / 1e9);
            return sessions;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchFailure failure ? failure : new BenchFailure("logging in failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    String username() {
        return person.username();
    }

    HttpClient client() {
        return client;
    }

    /** A page of the dashboard as a browser asks for it; the session's cookies go with it. */
    HttpRequest page(String pathAndQuery) {
        return HttpRequest.newBuilder(dashboard.resolve(pathAndQuery)).timeout(Http.TIMEOUT)
                .header("Accept", "text/html").GET().build();
    }

    /** Ends the session on the dashboard (its row in the session table goes), as the page's "Log out" does. */
    void logout() throws InterruptedException {
        String board = body(Http.send(client, page(EMPTY_BOARD), 200));
        String token = BoardPage.csrfToken(board).orElseThrow(() -> new BenchFailure("the board carries no CSRF token"));
        String header = BoardPage.csrfHeader(board).orElse("X-CSRF-TOKEN");
        HttpRequest logout = HttpRequest.newBuilder(dashboard.resolve("/logout")).timeout(Http.TIMEOUT)
                .header(header, token)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Http.send(client, logout, 302, 303);
    }

    /** Sends {@code first} and follows its redirects as a browser would: a 301, 302 or 303 is followed with a GET. */
    private HttpResponse<String> follow(HttpRequest first) throws InterruptedException {
        HttpRequest request = first;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new BenchFailure("logging in to " + dashboard + ": " + request.method() + " " + request.uri()
                        + " failed: " + e, e);
            }
            if (!REDIRECTS.contains(response.statusCode())) {
                if (response.statusCode() != 200) {
                    throw new BenchFailure("logging in to " + dashboard + ": " + request.method() + " " + request.uri()
                            + " answered " + response.statusCode() + ": " + Http.abbreviate(response.body()));
                }
                return response;
            }
            URI next = request.uri().resolve(response.headers().firstValue("Location")
                    .orElseThrow(() -> new BenchFailure(first.uri() + " redirected without a Location")));
            request = HttpRequest.newBuilder(next).timeout(Http.TIMEOUT).header("Accept", "text/html").GET().build();
        }
        throw new BenchFailure("logging in to " + dashboard + ": more than " + MAX_REDIRECTS + " redirects from " + first.uri());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
