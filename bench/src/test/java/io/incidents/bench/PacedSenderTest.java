package io.incidents.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacedSenderTest {

    private HttpServer server;
    private final AtomicInteger received = new AtomicInteger();
    private volatile int status = 202;
    private volatile int refuseFirst;
    private final AtomicInteger refused = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/enqueue", exchange -> {
            received.incrementAndGet();
            if (refuseFirst > 0 && refused.incrementAndGet() <= refuseFirst) {
                exchange.getResponseHeaders().set("Retry-After", "0");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void sendsRateTimesSecondsRequestsAndRecordsWhenEachWasAccepted() throws InterruptedException {
        Instant before = Instant.now();

        Map<String, Instant> accepted = new PacedSender(Http.newClient()).send(40, Duration.ofSeconds(1), this::alert);

        assertThat(received).hasValue(40);
        assertThat(accepted).hasSize(40).containsKeys("alert-0", "alert-39");
        assertThat(accepted.values()).allSatisfy(at -> assertThat(at).isAfterOrEqualTo(before));
    }

    @Test
    void aRefusalForNowIsSentAgainAfterItsRetryAfterAndCountsFromThe202() throws InterruptedException {
        refuseFirst = 3;

        PacedSender sender = new PacedSender(Http.newClient());
        Map<String, Instant> accepted = sender.send(10, Duration.ofSeconds(1), this::alert);

        assertThat(accepted).hasSize(10);
        assertThat(sender.refusals()).isEqualTo(3);
        assertThat(received).hasValue(13);
    }

    @Test
    void anyOtherAnswerThan202FailsTheRun() {
        status = 400;

        assertThatThrownBy(() -> new PacedSender(Http.newClient()).send(10, Duration.ofSeconds(1), this::alert))
                .isInstanceOf(BenchFailure.class).hasMessageContaining("400");
    }

    private PacedSender.Keyed alert(int n) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue");
        return new PacedSender.Keyed("alert-" + n, HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }
}
