package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** Single requests outside the measured loops (seeding, checks), each answer's status checked. */
final class Http {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    Http(HttpClient client) {
        this.client = client;
    }

    HttpClient client() {
        return client;
    }

    static HttpClient newClient() {
        return newClientBuilder().build();
    }

    static HttpClient.Builder newClientBuilder() {
        // HTTP/1.1 like browsers and scripts against these services; the JDK would otherwise offer an h2c upgrade.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
    }

    static HttpRequest get(URI uri, Credentials login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (login != null) {
            request.header("Authorization", login.header());
        }
        return request.build();
    }

    static HttpRequest postJson(URI uri, Credentials login, String body) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", login.header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A command without a body, such as {@code acknowledge}. */
    static HttpRequest post(URI uri, Credentials login) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", login.header())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    static HttpRequest delete(URI uri, Credentials login) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", login.header()).DELETE().build();
    }

    /** Sends the request and reads the JSON answer, failing the run unless the status is the expected one. */
    JsonNode expect(int status, HttpRequest request) throws InterruptedException {
        HttpResponse<byte[]> response = send(client, request, status);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        try {
            return body.isEmpty() ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            throw new BenchFailure(request.uri() + " answered no JSON: " + abbreviate(body), e);
        }
    }

    /** The status alone, whatever it is; a connection error fails the run. */
    int status(HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new BenchFailure(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }

    /**
     * Sends the request with {@code client}, failing the run with the request and the answer's body
     * unless the status is one of {@code accepted}: an error is never counted as throughput.
     */
    static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, int... accepted) throws InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new BenchFailure(request.method() + " " + request.uri() + " failed: " + e, e);
        }
        if (Arrays.stream(accepted).noneMatch(status -> status == response.statusCode())) {
            throw new BenchFailure(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + " (expected " + Arrays.toString(accepted) + "): "
                    + abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
        }
        return response;
    }

    static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
