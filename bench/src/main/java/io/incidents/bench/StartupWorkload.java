package io.incidents.bench;

import java.util.List;

/**
 * How long the stack takes to start (issue "Performance", workload 9): seconds from {@code ./stack
 * bench} starting PostgreSQL and Kafka to the identity provider and all three services answering
 * healthy, as the script measured it. There is no baseline: nothing smaller starts the same
 * system. Goal: under 30 s.
 */
final class StartupWorkload implements Workload {

    private final double seconds;

    StartupWorkload(double seconds) {
        this.seconds = seconds;
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public Goal goal() {
        return new Goal("< 30 s", result -> result.value() < 30);
    }

    @Override
    public List<WorkloadResult> run(RunProfile profile) {
        return List.of(WorkloadResult.single(name(), seconds, "s"));
    }
}
