package io.incidents.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One service's HTTP API as one of the stack's logins (HTTP Basic), for arranging what a page
 * should then show: {@code stack.incidentApi(Login.ONCALL).declareIncident("Checkout failing", "SEV2", "checkout")}.
 * {@link #get}, {@link #post} and {@link #postJson} return the response whatever its status;
 * {@link #getJson} and {@link #declareIncident} fail unless it is a success.
 */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Login login;

    Api(URI base, Login login) {
        this.base = base;
        this.login = login;
    }

    public URI base() {
        return base;
    }

    public Login login() {
        return login;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** GET, expecting a 2xx JSON answer. */
    public JsonNode getJson(String path) {
        return json(successful(get(path)));
    }

    /** POST with no body (acknowledge, complete a rollback, ...). */
    public HttpResponse<String> post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** POST a JSON body: a {@code String} as it is, anything else (a {@code Map}, a record) through Jackson. */
    public HttpResponse<String> postJson(String path, Object body) {
        String text = body instanceof String string ? string : write(body);
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
    }

    /** Declares an incident through incident-service's command API and returns its id. */
    public String declareIncident(String title, String severity, String... services) {
        HttpResponse<String> response = postJson("/api/v1/incidents",
                Map.of("title", title, "description", title, "severity", severity, "services", List.of(services)));
        return json(successful(response)).path("id").asText();
    }

    /** The response, if its status is 2xx; otherwise a failure that shows the request and the answer. */
    public static HttpResponse<String> successful(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON from " + response.request().uri() + ": " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        String credentials = login.username() + ":" + login.password();
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
