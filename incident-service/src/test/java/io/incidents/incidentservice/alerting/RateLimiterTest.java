package io.incidents.incidentservice.alerting;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(new AlertingProperties(List.of(), 120, "alerts", "kafka"), clock);

    @Test
    void aKeyGetsItsPerMinuteBudgetThenWaitsForTheRefill() {
        for (int i = 0; i < 120; i++) {
            assertThat(limiter.tryAcquire("k")).isTrue();
        }
        assertThat(limiter.tryAcquire("k")).isFalse();
        assertThat(limiter.tryAcquire("other")).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.tryAcquire("k")).isFalse();
    }

    @Test
    void aBatchIsTakenWholeOrRefusedWholeAndAHugeOneCostsTheFullBucket() {
        assertThat(limiter.tryAcquire("k", 100)).isTrue();
        assertThat(limiter.tryAcquire("k", 30)).isFalse();
        assertThat(limiter.tryAcquire("k", 20)).isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire("k", 500)).isTrue();
        assertThat(limiter.tryAcquire("k")).isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
