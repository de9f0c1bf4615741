package io.incidents.bench;

import io.incidents.browsersession.BrowserSession;
import io.incidents.browsersession.LoginFailed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A person logged in to the dashboard the way a browser does it ({@link BrowserSession}: the
 * OpenID Connect login through the identity provider's form, with a cookie jar of its own), and
 * what the bench does with such a session: many of them logged in at once, each logged out again.
 * No API credential is involved: the dashboard does not accept one.
 * <p>
 * The dashboard must be addressed by a host and port its login's redirect URI is registered for at
 * the provider (the stack's local-auth has localhost:8082 and 127.0.0.1:8082): the provider
 * refuses any other.
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

    private final BasicLogin person;
    private final BrowserSession browser;

    private DashboardSession(BasicLogin person, BrowserSession browser) {
        this.person = person;
        this.browser = browser;
    }

    /**
     * Opens the {@link #EMPTY_BOARD} without a session (redirected to the provider's login form),
     * fills in the form and follows the redirects back there, which must then answer with the board.
     */
    static DashboardSession login(URI dashboard, BasicLogin person) throws InterruptedException {
        try {
            return new DashboardSession(person,
                    BrowserSession.login(dashboard, EMPTY_BOARD, person.username(), person.password(), BoardPage::isBoard));
        } catch (LoginFailed e) {
            throw new BenchFailure(e.getMessage(), e);
        }
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
        return browser.client();
    }

    /** A page of the dashboard as a browser asks for it; the session's cookies go with it. */
    HttpRequest page(String pathAndQuery) {
        return browser.page(pathAndQuery);
    }

    /** Ends the session on the dashboard (its row in the session table goes), as the page's "Log out" does. */
    void logout() throws InterruptedException {
        String board = new String(Http.send(client(), page(EMPTY_BOARD), 200).body(), StandardCharsets.UTF_8);
        String token = BoardPage.csrfToken(board).orElseThrow(() -> new BenchFailure("the board carries no CSRF token"));
        String header = BoardPage.csrfHeader(board).orElse("X-CSRF-TOKEN");
        HttpRequest logout = HttpRequest.newBuilder(browser.dashboard().resolve("/logout")).timeout(Http.TIMEOUT)
                .header(header, token)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Http.send(client(), logout, 302, 303);
    }
}
