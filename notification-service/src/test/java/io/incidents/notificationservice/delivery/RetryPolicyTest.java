package io.incidents.notificationservice.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry schedule with the shipped defaults: 2 s doubling to 5 min, given up after 24 h, unknown outcomes wait 30 s. */
class RetryPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(24),
            Duration.ofSeconds(30));

    @Test
    void theWaitDoublesFromTwoSecondsUpToFiveMinutes() {
        List<Long> waits = new ArrayList<>();
        for (int failures = 1; failures <= 11; failures++) {
            waits.add(policy.backoffAfter(failures).toSeconds());
        }

        assertThat(waits).containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
        assertThat(policy.backoffAfter(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theFirstFailureStartsTheRetryWindowAndIsRetriedAfterTheInitialBackoff() {
        RetryPolicy.Decision decision = policy.afterFailure(0, null, T0, false);

        assertThat(decision.giveUp()).isFalse();
        assertThat(decision.failingSince()).isEqualTo(T0);
        assertThat(decision.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aMessageIsRetriedUntilItHasBeenFailingForTwentyFourHoursAndOnlyThenParked() {
        Instant justBefore = T0.plus(Duration.ofHours(24)).minusMillis(1);
        RetryPolicy.Decision stillRetried = policy.afterFailure(300, T0, justBefore, false);
        RetryPolicy.Decision parked = policy.afterFailure(300, T0, T0.plus(Duration.ofHours(24)), false);

        assertThat(stillRetried.giveUp()).isFalse();
        assertThat(stillRetried.nextAttemptAt()).isEqualTo(justBefore.plus(Duration.ofMinutes(5)));
        assertThat(stillRetried.failingSince()).isEqualTo(T0);
        assertThat(parked.giveUp()).isTrue();
        assertThat(parked.failingSince()).isEqualTo(T0);
    }

    @Test
    void aTimedOutAttemptIsRetriedNoSoonerThanOneReadTimeoutLaterNeverAtOnce() {
        RetryPolicy.Decision firstTimeout = policy.afterFailure(0, null, T0, true);
        RetryPolicy.Decision laterTimeout = policy.afterFailure(9, T0, T0.plus(Duration.ofHours(1)), true);

        assertThat(firstTimeout.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        // once the backoff is longer than the read timeout, the backoff decides
        assertThat(laterTimeout.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(5)));
    }

    @Test
    void duringAOneHourOutageNothingIsParkedAndOnceItEndsTheNextAttemptIsAtMostFiveMinutesAway() {
        Instant recovery = T0.plus(Duration.ofHours(1));
        Instant attemptAt = T0;
        Instant failingSince = null;
        int failures = 0;
        while (attemptAt.isBefore(recovery)) {
            RetryPolicy.Decision decision = policy.afterFailure(failures, failingSince, attemptAt, false);
            assertThat(decision.giveUp()).as("parked after %s", Duration.between(T0, attemptAt)).isFalse();
            failingSince = decision.failingSince();
            failures++;
            attemptAt = decision.nextAttemptAt();
        }

        assertThat(attemptAt).isBetween(recovery, recovery.plus(Duration.ofMinutes(5)));
        // 2 s doubling reaches the 5 min cap after 8 waits (510 s), then one attempt per 5 min
        assertThat(failures).isEqualTo(8 + 11);
    }

    @Test
    void aDestinationDownForGoodIsTriedAboutThreeHundredTimesOverADayThenParked() {
        Instant attemptAt = T0;
        Instant failingSince = null;
        int attempts = 0;
        RetryPolicy.Decision decision;
        do {
            decision = policy.afterFailure(attempts, failingSince, attemptAt, false);
            attempts++;
            failingSince = decision.failingSince();
            attemptAt = decision.giveUp() ? attemptAt : decision.nextAttemptAt();
        } while (!decision.giveUp());

        assertThat(Duration.between(T0, attemptAt)).isBetween(Duration.ofHours(24), Duration.ofHours(24).plusMinutes(5));
        // 9 attempts in the first 510 s, then one per 5 min for the rest of the 24 h, and the last one
        assertThat(attempts).isEqualTo(9 + (int) ((Duration.ofHours(24).toSeconds() - 510) / 300) + 1);
    }
}
