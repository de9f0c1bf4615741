package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Single requests outside the measured loops (seeding, checks), each answer's status checked. */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    Http(HttpClient client) {
        this.client = client;
    }

    HttpClient client() {
        return client;
    }

    static HttpClient newClient() {
        // HTTP/1.1 like browsers and scripts against these services; the JDK would otherwise offer an h2c upgrade.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpRequest get(URI uri, BasicLogin login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (login != null) {
            request.header("Authorization", login.header());
        }
        return request.build();
    }

    static HttpRequest postJson(URI uri, BasicLogin login, String body) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", login.header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Sends the request and reads the JSON answer, failing the run unless the status is the expected one. */
    JsonNode expect(int status, HttpRequest request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchFailure(request.method() + " " + request.uri() + " failed: " + e, e);
        }
        if (response.statusCode() != status) {
            throw new BenchFailure(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + " (expected " + status + "): " + response.body());
        }
        try {
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new BenchFailure(request.uri() + " answered no JSON: " + response.body(), e);
        }
    }
}
