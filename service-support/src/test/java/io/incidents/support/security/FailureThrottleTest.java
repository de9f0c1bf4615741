package io.incidents.support.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FailureThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(1), clock);

    @Test
    void blocksAKeyAfterItsLimitUntilTheWindowEnds() {
        throttle.failed("alice");
        clock.advance(Duration.ofSeconds(10));
        throttle.failed("alice");
        assertThat(throttle.blockedFor("alice")).isEmpty();

        throttle.failed("alice");

        assertThat(throttle.blockedFor("alice")).contains(Duration.ofSeconds(50));
        assertThat(throttle.blockedFor("bob")).isEmpty();
        clock.advance(Duration.ofSeconds(50));
        assertThat(throttle.blockedFor("alice")).isEmpty();
    }

    @Test
    void aNewWindowStartsCountingAfresh() {
        throttle.failed("alice");
        throttle.failed("alice");
        clock.advance(Duration.ofSeconds(61));

        throttle.failed("alice");
        throttle.failed("alice");

        assertThat(throttle.blockedFor("alice")).isEmpty();
    }

    @Test
    void successClearsTheCount() {
        throttle.failed("alice");
        throttle.failed("alice");
        throttle.succeeded("alice");
        throttle.failed("alice");
        throttle.failed("alice");

        assertThat(throttle.blockedFor("alice")).isEmpty();
    }

    @Test
    void attemptsAreCountedBeforeTheyAreCheckedSoParallelGuessesCannotAllSlipIn() {
        assertThat(throttle.tryAttempt("alice")).isEmpty();
        assertThat(throttle.tryAttempt("alice")).isEmpty();
        assertThat(throttle.tryAttempt("alice")).isEmpty();

        assertThat(throttle.tryAttempt("alice")).as("three in flight: the fourth waits").contains(Duration.ofMinutes(1));
        throttle.release("alice");
        assertThat(throttle.tryAttempt("alice")).as("one turned out well and gave its count back").isEmpty();
    }

    @Test
    void retryAfterIsRoundedUpAndNeverZero() {
        assertThat(FailureThrottle.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(FailureThrottle.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(FailureThrottle.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
