package io.incidents.faults;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryingClientTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void retriesA5xxAndRemembersThatTheWorkMayHaveBeenDone() throws Exception {
        URI uri = answering(List.of(new Reply(503, ""), new Reply(500, ""), new Reply(201, "{\"id\":\"x\"}")));

        Answer answer = client(Duration.ofSeconds(20)).send(HttpRequest.newBuilder(uri).GET().build());

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(answer.afterUnknownAttempt()).isTrue();
        assertThat(answer.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aThrottleOrAKeyInUseIsRetriedWithoutDoubt() throws Exception {
        URI uri = answering(List.of(new Reply(429, ""), new Reply(409, "{\"code\":\"IDEMPOTENCY_KEY_IN_USE\"}"),
                new Reply(409, "{\"code\":\"INCIDENT_RESOLVED\"}")));

        Answer answer = client(Duration.ofSeconds(20)).send(HttpRequest.newBuilder(uri).GET().build());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(answer.outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void givesUpAfterItsPatienceWithTheOutcomeUnknown() throws Exception {
        URI uri = answering(List.of(new Reply(503, ""), new Reply(503, ""), new Reply(503, ""), new Reply(503, "")));

        Answer answer = client(Duration.ofMillis(500)).send(HttpRequest.newBuilder(uri).GET().build());

        assertThat(answer.outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    private record Reply(int status, String body) {
    }

    private URI answering(List<Reply> replies) throws IOException {
        Deque<Reply> left = new ArrayDeque<>(replies);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Reply reply = left.size() > 1 ? left.poll() : left.peek();
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.status() == 429) {
                exchange.getResponseHeaders().set("Retry-After", "0");
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static RetryingClient client(Duration patience) {
        return new RetryingClient(RetryingClient.newHttpClient(), patience);
    }
}
