package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.micrometer.core.instrument.Counter;

/** Counts every failed execution, then lets {@code next} decide what becomes of it. */
final class CountedFailures<T> implements FailureHandler<T> {

    private final Counter failures;
    private final FailureHandler<T> next;

    CountedFailures(Counter failures, FailureHandler<T> next) {
        this.failures = failures;
        this.next = next;
    }

    @Override
    public void onFailure(ExecutionComplete failed, ExecutionOperations<T> operations) {
        failures.increment();
        next.onFailure(failed, operations);
    }
}
