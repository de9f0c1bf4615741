package io.incidents.browsersession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A person logged in to the dashboard as a browser does: the OpenID Connect authorization-code
 * login through the identity provider's HTML form, with a cookie jar of its own (the dashboard's
 * session cookie and the provider's), then every page asked for with that session. No API
 * credential is involved: the dashboard does not accept one.
 * <p>
 * Redirects are followed here rather than by the HttpClient, so each step can be checked and a
 * failed login names the step where it went wrong ({@link LoginFailed}). The dashboard must be
 * addressed by a host and port its login's redirect URI is registered for at the provider (the
 * stack's local-auth has localhost:8082 and 127.0.0.1:8082): the provider refuses any other.
 * <p>
 * The jar is a plain {@link CookieManager}: cookies are kept per host, not per port, so the session
 * is sent to every port of the same host, such as a second instance of the dashboard on
 * 127.0.0.1:8092 sharing the first one's sessions.
 */
public final class BrowserSession {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303);
    private static final int ABBREVIATED = 500;

    private final URI dashboard;
    private final HttpClient client;

    private BrowserSession(URI dashboard, HttpClient client) {
        this.dashboard = dashboard;
        this.client = client;
    }

    /**
     * Opens {@code pathAndQuery} on {@code dashboard} without a session (redirected to the
     * provider's login form), fills in the form and follows the redirects back. The page they end
     * on must be a 200 at the path asked for, whose body {@code landed} accepts (the board, say).
     *
     * @throws LoginFailed naming the step that went wrong, the URL and the status
     */
    public static BrowserSession login(URI dashboard, String pathAndQuery, String username, String password,
                                       Predicate<String> landed) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                // HTTP/1.1 like browsers; the JDK would otherwise offer an h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        BrowserSession session = new BrowserSession(dashboard, client);
        String who = "logging in to " + dashboard + " as " + username;

        HttpResponse<String> loginPage = session.follow(who, LoginFailed.OPEN, session.page(pathAndQuery));
        if (landed.test(loginPage.body())) {
            throw failed(who, LoginFailed.OPEN, loginPage, "answered without a login: is this the dashboard?");
        }
        LoginForm form;
        try {
            form = LoginForm.parse(loginPage.body(), loginPage.uri());
        } catch (IllegalArgumentException e) {
            throw failed(who, LoginFailed.READ_FORM, loginPage, e.getMessage());
        }

        HttpRequest submit = HttpRequest.newBuilder(form.action()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form.body(username, password)))
                .build();
        HttpResponse<String> landing = session.follow(who, LoginFailed.SUBMIT, submit);
        if (landed.test(landing.body()) && landing.uri().getPath().equals(dashboard.resolve(pathAndQuery).getPath())) {
            return session;
        }
        if (looksLikeLoginForm(landing)) {
            throw failed(who, LoginFailed.SUBMIT, landing, "the provider showed its login form again: wrong user name or password?");
        }
        throw failed(who, LoginFailed.LAND, landing, "not the page asked for, " + dashboard.resolve(pathAndQuery));
    }

    /** Carries the session's cookies; redirects are not followed by it. */
    public HttpClient client() {
        return client;
    }

    public URI dashboard() {
        return dashboard;
    }

    /** A page of the dashboard as a browser asks for it ({@code Accept: text/html}); the client adds the cookies. */
    public HttpRequest page(String pathAndQuery) {
        return html(dashboard.resolve(pathAndQuery)).GET().build();
    }

    /**
     * GETs a page of the dashboard with the session; the answer whatever its status.
     *
     * @throws UncheckedIOException when there is no answer
     */
    public HttpResponse<String> get(String pathAndQuery) throws InterruptedException {
        HttpRequest request = page(pathAndQuery);
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed: " + e, e);
        }
    }

    /**
     * Sends {@code first} and follows its redirects as a browser would, a 301, 302 or 303 with a
     * GET; the page they end on must answer 200.
     */
    private HttpResponse<String> follow(String who, String step, HttpRequest first) throws InterruptedException {
        HttpRequest request = first;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw failure(who, step, request.method() + " " + request.uri() + " got no answer: " + e, e);
            }
            if (!REDIRECTS.contains(response.statusCode())) {
                if (response.statusCode() != 200) {
                    throw failure(who, step, request.method() + " " + request.uri() + " answered " + response.statusCode()
                            + ": " + abbreviate(response.body()), null);
                }
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                throw failure(who, step, request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + " without a Location", null);
            }
            request = html(request.uri().resolve(location)).GET().build();
        }
        throw failure(who, step, "more than " + MAX_REDIRECTS + " redirects from " + first.method() + " " + first.uri(), null);
    }

    private static HttpRequest.Builder html(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "text/html");
    }

    private static boolean looksLikeLoginForm(HttpResponse<String> page) {
        try {
            LoginForm.parse(page.body(), page.uri());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The page the redirects ended on was not the one expected: what it is, and why that is wrong. */
    private static LoginFailed failed(String who, String step, HttpResponse<String> page, String why) {
        return failure(who, step, page.request().method() + " " + page.uri() + " answered " + page.statusCode()
                + " \"" + HtmlTags.title(page.body()) + "\": " + why, null);
    }

    private static LoginFailed failure(String who, String step, String what, Throwable cause) {
        return new LoginFailed(step, who + " (step: " + step + "): " + what, cause);
    }

    private static String abbreviate(String text) {
        return text.length() <= ABBREVIATED ? text : text.substring(0, ABBREVIATED) + "...";
    }
}
