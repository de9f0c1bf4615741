package io.incidents.browsersession;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Logs in to a fake dashboard and identity provider in one in-process server, shaped like the
 * stack's: the board redirects to the provider, whose form carries a hidden CSRF token and sets a
 * session cookie of its own; the login posts back, the provider redirects to the dashboard's
 * callback, which sets the dashboard's session cookie and redirects to the page first asked for.
 */
class BrowserSessionTest {

    private static final String BOARD = "/?service=none";
    private static final Predicate<String> IS_BOARD = html -> html.contains("id=\"board-body\"");
    private static final String CSRF = "XmYG0PcbAtezlQDX";

    private HttpServer server;
    private URI dashboard;

    @BeforeEach
    void startFakeDashboardAndProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (!cookies(exchange).containsKey("SESSION")) {
                redirect(exchange, "/provider/authorize?state=" + exchange.getRequestURI().getRawQuery());
            } else if (!"s3cret".equals(cookies(exchange).get("SESSION"))) {
                answer(exchange, 403, "<title>Forbidden</title>");
            } else {
                answer(exchange, 200, "<title>Board · Incidents</title><table><tbody id=\"board-body\"></tbody></table>");
            }
        });
        server.createContext("/provider/authorize", exchange -> redirect(exchange, "/provider/login"));
        server.createContext("/provider/login", exchange -> {
            if (exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Set-Cookie", "PROVIDER=p1; Path=/provider; HttpOnly");
                answer(exchange, 200, """
                        <html><head><title>Sign in · Incident tracking (local)</title></head><body>
                        <form method="post" action="/provider/login">
                          <input type="hidden" name="_csrf" value="%s">
                          <input type="text" name="username"><input type="password" name="password">
                        </form></body></html>""".formatted(CSRF));
                return;
            }
            Map<String, String> fields = form(exchange);
            boolean valid = CSRF.equals(fields.get("_csrf")) && "p1".equals(cookies(exchange).get("PROVIDER"))
                    && "support".equals(fields.get("username")) && "support".equals(fields.get("password"));
            redirect(exchange, valid ? "/login/oauth2/code/local?code=c0de" : "/provider/login?error");
        });
        server.createContext("/login/oauth2/code/local", exchange -> {
            exchange.getResponseHeaders().add("Set-Cookie", "SESSION=s3cret; Path=/; HttpOnly");
            redirect(exchange, BOARD);
        });
        server.start();
        dashboard = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void logsInThroughTheProvidersFormAndKeepsTheSession() throws Exception {
        BrowserSession session = BrowserSession.login(dashboard, BOARD, "support", "support", IS_BOARD);

        assertThat(session.dashboard()).isEqualTo(dashboard);
        HttpResponse<String> board = session.get("/");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).contains("board-body");

        HttpResponse<Void> withoutSession = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(dashboard.resolve("/")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(withoutSession.statusCode()).isEqualTo(302);
    }

    @Test
    void theClientDoesNotFollowRedirectsAndSendsTheSessionToEveryPortOfTheHost() throws Exception {
        BrowserSession session = BrowserSession.login(dashboard, BOARD, "support", "support", IS_BOARD);
        HttpServer otherInstance = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherInstance.createContext("/", exchange -> answer(exchange, 200, String.valueOf(cookies(exchange).get("SESSION"))));
        otherInstance.start();
        try {
            URI other = URI.create("http://127.0.0.1:" + otherInstance.getAddress().getPort() + "/");

            HttpResponse<String> echoed = session.client().send(HttpRequest.newBuilder(other).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(echoed.body()).isEqualTo("s3cret");
            assertThat(session.client().followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
            assertThat(session.client().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        } finally {
            otherInstance.stop(0);
        }
    }

    @Test
    void aWrongPasswordFailsAtSubmittingTheFormAndSaysWhereItEnded() {
        assertThatThrownBy(() -> BrowserSession.login(dashboard, BOARD, "support", "wrong", IS_BOARD))
                .isInstanceOfSatisfying(LoginFailed.class, failed -> assertThat(failed.step()).isEqualTo(LoginFailed.SUBMIT))
                .hasMessageContaining("as support (step: submit the login form)")
                .hasMessageContaining(dashboard.resolve("/provider/login?error") + " answered 200")
                .hasMessageContaining("wrong user name or password");
    }

    @Test
    void aPageThatIsNotExpectedAfterTheLoginFailsAtLanding() {
        assertThatThrownBy(() -> BrowserSession.login(dashboard, BOARD, "support", "support", html -> html.contains("no such thing")))
                .isInstanceOfSatisfying(LoginFailed.class, failed -> assertThat(failed.step()).isEqualTo(LoginFailed.LAND))
                .hasMessageContaining("GET " + dashboard.resolve(BOARD) + " answered 200 \"Board · Incidents\"");
    }

    @Test
    void aPageThatAnswersWithoutALoginOrWithoutAFormIsNotLoggedInTo() {
        server.createContext("/open", exchange -> answer(exchange, 200, "<title>Board</title><tbody id=\"board-body\">"));
        server.createContext("/broken", exchange -> answer(exchange, 200, "<title>Oops</title>"));
        server.createContext("/error", exchange -> answer(exchange, 500, "boom"));

        assertThatThrownBy(() -> BrowserSession.login(dashboard, "/open", "support", "support", IS_BOARD))
                .isInstanceOfSatisfying(LoginFailed.class, failed -> assertThat(failed.step()).isEqualTo(LoginFailed.OPEN))
                .hasMessageContaining("answered without a login");
        assertThatThrownBy(() -> BrowserSession.login(dashboard, "/broken", "support", "support", IS_BOARD))
                .isInstanceOfSatisfying(LoginFailed.class, failed -> assertThat(failed.step()).isEqualTo(LoginFailed.READ_FORM))
                .hasMessageContaining("\"Oops\": no login form on " + dashboard.resolve("/broken"));
        assertThatThrownBy(() -> BrowserSession.login(dashboard, "/error", "support", "support", IS_BOARD))
                .isInstanceOfSatisfying(LoginFailed.class, failed -> assertThat(failed.step()).isEqualTo(LoginFailed.OPEN))
                .hasMessageContaining("GET " + dashboard.resolve("/error") + " answered 500: boom");
    }

    @Test
    void noAnswerFailsTheStepItHappenedIn() {
        server.stop(0);

        assertThatThrownBy(() -> BrowserSession.login(dashboard, BOARD, "support", "support", IS_BOARD))
                .isInstanceOfSatisfying(LoginFailed.class, failed -> assertThat(failed.step()).isEqualTo(LoginFailed.OPEN))
                .hasMessageContaining("GET " + dashboard.resolve(BOARD) + " got no answer")
                .hasCauseInstanceOf(IOException.class);
    }

    private static Map<String, String> cookies(HttpExchange exchange) {
        Map<String, String> cookies = new LinkedHashMap<>();
        exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of()).stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::strip)
                .filter(pair -> pair.contains("="))
                .forEach(pair -> cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
        return cookies;
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            String[] nameValue = pair.split("=", 2);
            fields.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
