package io.incidents.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed number of clients, each sending its next request as soon as the previous answer is in
 * (a closed loop, like people at dashboards): the throughput is what the service sustains, not
 * what we chose to offer. Any answer but 200 stops the run: an error is never counted as
 * throughput.
 */
final class ClosedLoopLoad implements AutoCloseable {

    private final HttpClient http;
    private final int clients;
    private final ExecutorService pool;

    ClosedLoopLoad(HttpClient http, int clients) {
        this.http = http;
        this.clients = clients;
        this.pool = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends {@code request} from every client for {@code length}; requests under way at the end still count. */
    LoadSample run(HttpRequest request, Duration length) throws InterruptedException {
        AtomicReference<BenchFailure> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Future<ClientRun>> runs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            runs.add(pool.submit(() -> drive(request, deadline, failure)));
        }
        long end = start;
        List<long[]> latencies = new ArrayList<>();
        for (Future<ClientRun> run : runs) {
            ClientRun done = await(run);
            end = Math.max(end, done.lastAnswerAt());
            latencies.add(done.latencyNanos());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new LoadSample(end - start, concat(latencies));
    }

    private record ClientRun(long lastAnswerAt, long[] latencyNanos) {
    }

    private ClientRun drive(HttpRequest request, long deadline, AtomicReference<BenchFailure> failure) {
        long[] latencies = new long[1024];
        int count = 0;
        long now = System.nanoTime();
        while (now < deadline && failure.get() == null) {
            long sent = now;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                now = System.nanoTime();
                if (response.statusCode() != 200) {
                    failure.compareAndSet(null, new BenchFailure(request.method() + " " + request.uri() + " answered "
                            + response.statusCode() + ": " + abbreviate(response.body())));
                    break;
                }
            } catch (IOException e) {
                failure.compareAndSet(null, new BenchFailure(request.method() + " " + request.uri() + " failed: " + e, e));
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = now - sent;
        }
        return new ClientRun(now, Arrays.copyOf(latencies, count));
    }

    private static ClientRun await(Future<ClientRun> run) throws InterruptedException {
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a bench client crashed", e.getCause());
        }
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String abbreviate(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
