package io.incidents.bench;

import java.util.function.Predicate;

/**
 * What a workload's figure should reach, from its issue. A goal missed does not fail the run: the
 * figure is reported as measured, with the verdict beside it.
 */
record Goal(String description, Predicate<WorkloadResult> test) {

    static Goal ratioAtLeast(double ratio) {
        return new Goal("ratio >= " + ratio, result -> result.ratio() != null && result.ratio() >= ratio);
    }

    static Goal p99Below(int millis) {
        return new Goal("p99 < " + millis + " ms", result -> result.p99() != null && result.p99() < millis);
    }

    boolean metBy(WorkloadResult result) {
        return test.test(result);
    }

    /** "board-render: goal p99 < 300 ms met" */
    String verdict(WorkloadResult result) {
        return result.name() + ": goal " + description + (metBy(result) ? " met" : " NOT met");
    }
}
