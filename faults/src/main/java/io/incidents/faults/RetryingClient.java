package io.incidents.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends a request until it gets a definite answer, as PagerDuty clients and scripts do: a refused
 * connection, a timeout, a 5xx, a 429 (after its Retry-After) or a "same key in use right now"
 * is tried again with backoff, up to a patience after which the outcome is unknown. The request
 * carries its own Idempotency-Key where the API takes one, so a retry never acts twice.
 */
final class RetryingClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long MAX_RETRY_AFTER_MS = 10_000;

    private final HttpClient http;
    private final Duration patience;

    RetryingClient(HttpClient http, Duration patience) {
        this.http = http;
        this.patience = patience;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    }

    Answer send(HttpRequest request) throws InterruptedException {
        return send(() -> request);
    }

    /**
     * Sends the request {@code request} builds, building it again for each retry: a request to a
     * service with several instances goes to the next one (as behind a load balancer), so an
     * instance that died is passed by.
     */
    Answer send(Supplier<HttpRequest> request) throws InterruptedException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        boolean unknownAttempt = false;
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            long wait;
            try {
                HttpResponse<String> response = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (!retried(status, response.body())) {
                    return new Answer(status, response.body(), attempt, unknownAttempt);
                }
                // A 5xx may come after the work was done (the answer failed, or the commit's fate is unknown).
                unknownAttempt |= status >= 500;
                wait = status == 429 ? retryAfter(response).orElse(backoff) : backoff;
            } catch (ConnectException e) {
                wait = backoff; // never reached the service: it cannot have acted
            } catch (IOException e) {
                unknownAttempt = true; // sent, and no answer: it may have acted
                wait = backoff;
            }
            if (System.nanoTime() + wait * 1_000_000 > giveUpAt) {
                return new Answer(-1, "gave up after " + attempt + " attempts in " + patience, attempt, unknownAttempt);
            }
            Thread.sleep(wait + ThreadLocalRandom.current().nextLong(wait / 4 + 1));
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private static boolean retried(int status, String body) {
        return status >= 500 || status == 429 || status == 408
                || (status == 409 && body != null && body.contains("IDEMPOTENCY_KEY_IN_USE"));
    }

    private static Optional<Long> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Math.min(MAX_RETRY_AFTER_MS, Long.parseLong(value.trim()) * 1000));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static HttpRequest.Builder request(URI uri, String authorization) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Authorization", authorization);
    }
}
