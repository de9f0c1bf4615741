package io.incidents.faults;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs one scenario: the workload starts, the fault is injected while it flows, the workload goes
 * on until it has sent its share and the fault has been over for a while, then the suite waits for
 * the read sides and receivers to catch up and audits.
 */
final class ScenarioRunner {

    private static final int CLIENTS = 8;
    private static final Duration AFTER_FAULT = Duration.ofSeconds(10);

    private final FaultsOptions options;
    private final Api api;
    private final OperationLog log;
    private final Audit audit = new Audit();
    private final StackControl stack;
    private final Sinks sinks;
    private final Kafka kafka;
    private final Databases databases;
    private final String admin;

    ScenarioRunner(FaultsOptions options, Api api, OperationLog log, StackControl stack, Sinks sinks, Kafka kafka,
                   Databases databases, String admin) {
        this.options = options;
        this.api = api;
        this.log = log;
        this.stack = stack;
        this.sinks = sinks;
        this.kafka = kafka;
        this.databases = databases;
        this.admin = admin;
    }

    ScenarioResult run(Scenario scenario) throws Exception {
        String name = scenario.name();
        Say.line("== %s", name);
        TimerProbes probes = TimerProbes.declare(api, databases, options.run(), name, options.timerProbes());
        FaultContext context = new FaultContext(stack, sinks, kafka, databases, api, admin, probes, options.quick());
        Instant faultEnded;
        CompletableFuture<Double> recovery;
        try (Workload workload = Workload.start(api, options.run(), name, CLIENTS, scenario.operationsPerSecond(options.operationsPerSecond()))) {
            workload.awaitSent(options.operationsPerScenario() / 4);
            Say.line("injecting the fault after %d operations", workload.sent());
            faultEnded = scenario.inject(context);
            Say.line("the fault is over; %d operations so far", workload.sent());
            recovery = CompletableFuture.supplyAsync(() -> measureRecovery(name, faultEnded));
            workload.awaitSent(options.operationsPerScenario());
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), faultEnded.plus(AFTER_FAULT)).toMillis()));
            Say.line("workload stopping at %d operations", workload.sent());
        }
        Double recoverySeconds = recoveryOf(recovery);
        Snapshot snapshot = awaitCaughtUp(scenario, probes);
        Audit.Result result = audit.of(log.of(name), snapshot, probes, scenario.verify(context), scenario.sendsCutOffAt());
        scenario.cleanUp(context);
        ScenarioResult row = new ScenarioResult(name, result.operations(), result.accepted(), result.stored(), result.lost(),
                result.duplicated(), recoverySeconds, result.notes(), result.broken());
        Say.line("%s: %d operations, %d accepted, %d stored, lost %d, duplicated %d, recovered in %s s%s%s", name,
                row.operations(), row.accepted(), row.stored(), row.lost(), row.duplicated(), recoverySeconds,
                row.notes().isEmpty() ? "" : "\n    " + String.join("\n    ", row.notes()),
                row.broken().isEmpty() ? "" : "\n    NOT KEPT: " + String.join("\n    NOT KEPT: ", row.broken()));
        return row;
    }

    private Double measureRecovery(String scenario, Instant faultEnded) {
        try {
            double seconds = Recovery.measure(api, options.run(), scenario, faultEnded, this::anyReceived);
            return seconds < 0 ? null : seconds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean anyReceived(String incidentId) {
        try {
            var received = sinks.received();
            return Deliveries.ofIncident(databases, incidentId).all().stream()
                    .map(Deliveries.Delivery::receiptKey).anyMatch(key -> key != null && received.containsKey(key));
        } catch (SQLException e) {
            return false; // the database is not back yet
        }
    }

    private static Double recoveryOf(CompletableFuture<Double> recovery) throws InterruptedException {
        try {
            return recovery.get();
        } catch (ExecutionException e) {
            Say.line("the recovery probe failed: %s", e.getCause());
            return null;
        }
    }

    private Snapshot awaitCaughtUp(Scenario scenario, TimerProbes probes) throws Exception {
        long giveUpAt = System.nanoTime() + scenario.patience().toNanos();
        long nextReport = 0;
        while (true) {
            Snapshot snapshot = Snapshot.take(databases, sinks, kafka);
            boolean caughtUp = snapshot.caughtUp() && probes.missing(snapshot.store()) == 0;
            if (caughtUp || System.nanoTime() > giveUpAt) {
                if (!caughtUp) {
                    Say.line("not caught up after %s: %s", scenario.patience(), snapshot.progress());
                }
                return snapshot;
            }
            if (System.nanoTime() > nextReport) {
                Say.line("catching up: %s, timers not fired %d", snapshot.progress(), probes.missing(snapshot.store()));
                nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            }
            Thread.sleep(1_000);
        }
    }
}
