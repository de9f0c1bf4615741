package io.incidents.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The known input: client threads that each run whole incident lifecycles (declare, status,
 * acknowledge, rollback started and completed, status, resolve) and, between them, PagerDuty
 * triggers that open incidents of their own. Every operation carries a unique marker. A lifecycle
 * stops at a command that was not accepted, as a responder would look before going on.
 */
final class Workload implements AutoCloseable {

    private static final AtomicLong NEXT = new AtomicLong();

    private final Api api;
    private final Pacer pacer;
    private final String run;
    private final String scenario;
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean stopping;

    private Workload(Api api, Pacer pacer, String run, String scenario) {
        this.api = api;
        this.pacer = pacer;
        this.run = run;
        this.scenario = scenario;
    }

    /** {@code clients} threads sending {@code operationsPerSecond} in all (fewer when answers are slow). */
    static Workload start(Api api, String run, String scenario, int clients, int operationsPerSecond) {
        Workload workload = new Workload(api, new Pacer(operationsPerSecond), run, scenario);
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(workload::loop, "workload-" + scenario + "-" + i);
            client.start();
            workload.clients.add(client);
        }
        return workload;
    }

    int sent() {
        return sent.get();
    }

    /** Waits until at least {@code operations} were answered. */
    void awaitSent(int operations) throws InterruptedException {
        while (sent.get() < operations) {
            Thread.sleep(200);
        }
    }

    /** Lets every client finish the operation it is sending, then returns. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        for (Thread client : clients) {
            client.join();
        }
    }

    private void loop() {
        try {
            for (int round = 0; !stopping; round++) {
                if (round % 2 == 1) {
                    paced(() -> api.alert(scenario, marker("alert")));
                } else {
                    lifecycle();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void lifecycle() throws InterruptedException {
        String id = paced(() -> api.declare(scenario, marker("declare"), "SEV3"));
        if (id == null || stopping
                || !goOn(paced(() -> api.status(scenario, id, "INVESTIGATING", marker("status"))))
                || !goOn(paced(() -> api.acknowledge(scenario, id)))) {
            return;
        }
        String rollback = paced(() -> api.startRollback(scenario, id, marker("rollback")));
        if (rollback == null || stopping
                || !goOn(paced(() -> api.completeRollback(scenario, id, rollback)))
                || !goOn(paced(() -> api.status(scenario, id, "MONITORING", marker("status"))))) {
            return;
        }
        paced(() -> api.resolve(scenario, id, marker("resolve")));
    }

    /** A lifecycle goes on only after an accepted command, as a responder would look before going on. */
    private boolean goOn(boolean accepted) {
        return accepted && !stopping;
    }

    private interface Call<T> {
        T send() throws InterruptedException;
    }

    /** Sends one operation in its turn and counts it. */
    private <T> T paced(Call<T> call) throws InterruptedException {
        pacer.await();
        T answer = call.send();
        sent.incrementAndGet();
        return answer;
    }

    private String marker(String what) {
        return run + "-" + scenario + "-" + what + "-" + NEXT.incrementAndGet();
    }
}
