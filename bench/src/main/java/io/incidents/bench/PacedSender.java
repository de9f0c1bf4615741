package io.incidents.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Sends requests at a steady rate whatever the answers take (an open loop: alerts arrive when
 * monitoring fires them, not when the last one was answered), and records when each was answered
 * 202. A request refused for now (503 or 429, the service overloaded) is sent again after its
 * {@code Retry-After}, as a PagerDuty or Alertmanager sender does, at most {@value #TRIES} times
 * in all; any other answer fails the run once all are in.
 */
final class PacedSender {

    static final int TRIES = 10;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final HttpClient http;
    private final AtomicInteger refusals = new AtomicInteger();

    PacedSender(HttpClient http) {
        this.http = http;
    }

    /** How many answers were a refusal for now (503 or 429), each followed by a retry. */
    int refusals() {
        return refusals.get();
    }

    /**
     * @param request the n-th request, by its key
     * @return when each key's request was answered 202
     */
    Map<String, Instant> send(int perSecond, Duration length, IntFunction<Keyed> request) throws InterruptedException {
        long interval = 1_000_000_000L / perSecond;
        long count = length.toSeconds() * perSecond;
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Keyed next = request.apply(n);
            answers.add(sendUntilTaken(next.request(), 1).whenComplete((response, error) -> {
                if (response != null && response.statusCode() == 202) {
                    accepted.put(next.key(), Instant.now());
                }
            }));
        }
        long late = (System.nanoTime() - start) - count * interval;
        if (late > Duration.ofSeconds(1).toNanos()) {
            Console.say("the sender fell %d ms behind its pace (the bench's own machine is busy)", late / 1_000_000);
        }
        for (CompletableFuture<HttpResponse<Void>> answer : answers) {
            try {
                HttpResponse<Void> response = answer.get();
                if (response.statusCode() != 202) {
                    throw new BenchFailure(response.request().uri() + " answered " + response.statusCode() + ", not 202"
                            + (isRefusal(response) ? " (after " + TRIES + " tries)" : ""));
                }
            } catch (ExecutionException e) {
                throw new BenchFailure("a paced request failed: " + e.getCause(), e.getCause());
            }
        }
        return accepted;
    }

    private CompletableFuture<HttpResponse<Void>> sendUntilTaken(HttpRequest request, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (!isRefusal(response) || attempt == TRIES) {
                return CompletableFuture.completedFuture(response);
            }
            refusals.incrementAndGet();
            Executor later = CompletableFuture.delayedExecutor(retryAfter(response).toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> request, later).thenCompose(again -> sendUntilTaken(again, attempt + 1));
        });
    }

    private static boolean isRefusal(HttpResponse<?> response) {
        return response.statusCode() == 503 || response.statusCode() == 429;
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY_AFTER; // an HTTP date: not what these services send
            }
        }).orElse(DEFAULT_RETRY_AFTER);
    }

    /** A request with the key its answer is recorded under. */
    record Keyed(String key, HttpRequest request) {
    }
}
