package io.incidents.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
 * what we chose to offer. Any answer but the expected one stops the run: an error is never
 * counted as throughput.
 */
final class ClosedLoopLoad implements AutoCloseable {

    /**
     * What one client does once, timed as one: a request, or a few that belong together (the pages
     * of one list). It fails the run with a {@link BenchFailure} on any answer it does not expect.
     */
    @FunctionalInterface
    interface Operation {

        /** @param client which client performs it, from 0: clients with a state of their own (a session, an incident) keep it apart */
        void perform(int client) throws InterruptedException;
    }

    /**
     * What a client waits for before its next operation, outside the operation's time: it keeps
     * a side's load within what something else can follow (open dashboards showing the changes).
     */
    @FunctionalInterface
    interface Gate {

        Gate OPEN = () -> { };

        void await() throws InterruptedException;
    }

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

    int clients() {
        return clients;
    }

    /** Sends {@code request} from every client for {@code length}; requests under way at the end still count. */
    LoadSample run(HttpRequest request, Duration length) throws InterruptedException {
        return run(client -> Http.send(http, request, 200), length);
    }

    /** Every client performs {@code operation} again and again for {@code length}; operations under way at the end still count. */
    LoadSample run(Operation operation, Duration length) throws InterruptedException {
        return run(operation, Gate.OPEN, length);
    }

    /**
     * As above, each client first passing {@code gate}: its waits count towards the side's time
     * (fewer operations per second), not towards any operation's latency.
     */
    LoadSample run(Operation operation, Gate gate, Duration length) throws InterruptedException {
        AtomicReference<BenchFailure> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Future<ClientRun>> runs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            runs.add(pool.submit(() -> drive(operation, gate, client, deadline, failure)));
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

    /** @param lastAnswerAt when the client stopped: its last answer, or the end of its wait at the gate */
    private record ClientRun(long lastAnswerAt, long[] latencyNanos) {
    }

    private static ClientRun drive(Operation operation, Gate gate, int client, long deadline,
                                   AtomicReference<BenchFailure> failure) {
        long[] latencies = new long[1024];
        int count = 0;
        long now = System.nanoTime();
        while (now < deadline && failure.get() == null) {
            long sent;
            try {
                gate.await();
                sent = System.nanoTime();
                if (sent >= deadline) {
                    // The round ended while this client waited at the gate: the wait is part of the round's time.
                    now = sent;
                    break;
                }
                operation.perform(client);
                now = System.nanoTime();
            } catch (BenchFailure e) {
                failure.compareAndSet(null, e);
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
