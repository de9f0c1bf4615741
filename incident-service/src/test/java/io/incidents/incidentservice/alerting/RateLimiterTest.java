package io.incidents.incidentservice.alerting;

import io.incidents.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    // 120 per minute (2 per second), payloads of up to 200 alerts: a bucket of 200
    private final RateLimiter limiter = limiter(120, 200);

    @Test
    void aKeyGetsItsBurstThenWaitsForTheRefillAndIsToldHowLong() {
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.acquire("k", 1)).isEmpty();
        }
        assertThat(limiter.acquire("k", 1)).contains(Duration.ofMillis(500));
        assertThat(limiter.acquire("other", 1)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire("k", 1)).isEmpty();
        assertThat(limiter.acquire("k", 1)).isEmpty();
        assertThat(limiter.acquire("k", 1)).isPresent();
    }

    @Test
    void aPayloadCostsItsFullCountTakenWholeOrRefusedWhole() {
        assertThat(limiter.acquire("k", 150)).isEmpty();
        // 50 left: 60 more would need 10 tokens, 5 seconds of refill; nothing is taken meanwhile
        assertThat(limiter.acquire("k", 60)).contains(Duration.ofSeconds(5));
        assertThat(limiter.acquire("k", 50)).isEmpty();
        assertThat(limiter.acquire("k", 1)).isPresent();

        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.acquire("k", 200)).contains(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.acquire("k", 200)).isEmpty();
    }

    @Test
    void batchingDoesNotBuyMoreThanTheBurstAMinute() {
        int taken = 0;
        for (int i = 0; i < 10; i++) {
            taken += limiter.acquire("k", 200).isEmpty() ? 200 : 0;
        }
        assertThat(taken).isEqualTo(200);
    }

    @Test
    void theBucketIsNeverSmallerThanTheRateNorThanAFullPayload() {
        RateLimiter fast = limiter(600, 200);
        assertThat(fast.acquire("k", 200)).isEmpty();
        assertThat(fast.acquire("k", 200)).isEmpty();
        assertThat(fast.acquire("k", 200)).isEmpty();
        assertThat(fast.acquire("k", 1)).contains(Duration.ofMillis(100));

        RateLimiter slow = limiter(10, 50);
        assertThat(slow.acquire("k", 50)).isEmpty();
        assertThat(slow.acquire("k", 1)).contains(Duration.ofSeconds(6));
    }

    @Test
    void morePerPayloadThanTheBucketHoldsIsAProgrammingError() {
        assertThatThrownBy(() -> limiter.acquire("k", 201)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.acquire("k", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private RateLimiter limiter(int perMinute, int maxAlertsPerPayload) {
        return new RateLimiter(new AlertingProperties(List.of(), perMinute, "alerts", "kafka", maxAlertsPerPayload, 20,
                Duration.ofMinutes(1)), clock);
    }
}
