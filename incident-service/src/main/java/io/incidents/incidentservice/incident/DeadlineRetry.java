package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Tries a failed deadline again after {@code first}, then after twice as long each time, never
 * waiting more than {@code max}; it never gives up, since a dropped deadline is an escalation that
 * never happens. A deadline that fires late finds out itself whether it still matters.
 */
final class DeadlineRetry<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(DeadlineRetry.class);

    private final Duration first;
    private final Duration max;

    DeadlineRetry(DeadlineRetryProperties properties) {
        this.first = properties.first();
        this.max = properties.max();
    }

    @Override
    public void onFailure(ExecutionComplete failed, ExecutionOperations<T> operations) {
        int earlierFailures = failed.getExecution().consecutiveFailures;
        Instant next = failed.getTimeDone().plus(delayAfter(earlierFailures));
        // db-scheduler has logged the failure itself, with its cause.
        log.info("Deadline {} failed {} time(s) in a row; trying again at {}", failed.getExecution().taskInstance,
                earlierFailures + 1, next);
        operations.reschedule(failed, next);
    }

    /**
     * How many failures in a row a deadline has had once it has been failing for at least
     * {@code span}: the retries between its first failure and that one add up to {@code span}.
     * A count db-scheduler keeps ({@code consecutive_failures}) then says how long it has failed.
     */
    int failuresSpanning(Duration span) {
        int failures = 1;
        for (Duration failingFor = Duration.ZERO; failingFor.compareTo(span) < 0; failures++) {
            failingFor = failingFor.plus(delayAfter(failures - 1));
        }
        return failures;
    }

    /** The wait after a failure that followed {@code earlierFailures} others. */
    Duration delayAfter(int earlierFailures) {
        Duration delay = first;
        for (int i = 0; i < earlierFailures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
