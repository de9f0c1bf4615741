package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** A deadline whose firing failed is tried again within seconds, backing off to a cap, never given up. */
class DeadlineRetryTest {

    private static final Instant FAILED_AT = Instant.parse("2026-11-26T10:00:00Z");

    private final DeadlineRetry<String> retry = new DeadlineRetry<>(new DeadlineRetryProperties(Duration.ofSeconds(5),
            Duration.ofMinutes(1)));

    @Test
    void theFirstRetryComesAfterTheFirstDelayAndEachNextAfterTwiceAsLongUpToTheCap() {
        assertThat(retry.delayAfter(0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delayAfter(1_000_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theFailuresInARowSayHowLongADeadlineHasBeenFailing() {
        // Failures at 0, 5, 15, 35, 75, 135 and 195 s: the seventh comes once it has failed for 3 minutes.
        assertThat(retry.failuresSpanning(Duration.ofMinutes(3))).isEqualTo(7);
        assertThat(retry.failuresSpanning(Duration.ofSeconds(195))).isEqualTo(7);
        assertThat(retry.failuresSpanning(Duration.ofSeconds(196))).isEqualTo(8);
        assertThat(retry.failuresSpanning(Duration.ofSeconds(5))).isEqualTo(2);
        assertThat(retry.failuresSpanning(Duration.ofSeconds(1))).isEqualTo(2);
        assertThat(retry.failuresSpanning(Duration.ofHours(1))).as("then one a minute").isEqualTo(7 + 57);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedExecutionIsRescheduledFromTheMomentItFailed() {
        Execution execution = new Execution(FAILED_AT.minusSeconds(30), new TaskInstance<>("AxonDeadline", "d-1", "data"),
                true, "instance-a", null, null, 2, FAILED_AT.minusSeconds(1), 3);
        ExecutionComplete failed = ExecutionComplete.failure(execution, FAILED_AT.minusSeconds(1), FAILED_AT,
                new IllegalStateException("concurrent change"));
        ExecutionOperations<String> operations = mock(ExecutionOperations.class);

        retry.onFailure(failed, operations);

        verify(operations).reschedule(failed, FAILED_AT.plusSeconds(20));
    }

    @Test
    void aCapBelowTheFirstDelayIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new DeadlineRetryProperties(Duration.ofSeconds(30), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incidents.deadlines.retry");
        assertThatThrownBy(() -> new DeadlineRetryProperties(Duration.ZERO, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
