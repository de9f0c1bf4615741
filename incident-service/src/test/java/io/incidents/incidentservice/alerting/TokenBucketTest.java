package io.incidents.incidentservice.alerting;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    // 120 per minute (2 per second), payloads of up to 200 alerts: a bucket of 200
    private TokenBucket.Rate rate = new TokenBucket.Rate(120, 200);
    private final Map<String, TokenBucket> buckets = new HashMap<>();

    @Test
    void aKeyGetsItsBurstThenWaitsForTheRefillAndIsToldHowLong() {
        for (int i = 0; i < 200; i++) {
            assertThat(take("k", 1)).isEmpty();
        }
        assertThat(take("k", 1)).contains(Duration.ofMillis(500));
        assertThat(take("other", 1)).isEmpty();

        now = now.plusSeconds(1);
        assertThat(take("k", 1)).isEmpty();
        assertThat(take("k", 1)).isEmpty();
        assertThat(take("k", 1)).isPresent();
    }

    @Test
    void aPayloadCostsItsFullCountTakenWholeOrRefusedWhole() {
        assertThat(take("k", 150)).isEmpty();
        // 50 left: 60 more would need 10 tokens, 5 seconds of refill; nothing is taken meanwhile
        assertThat(take("k", 60)).contains(Duration.ofSeconds(5));
        assertThat(take("k", 50)).isEmpty();
        assertThat(take("k", 1)).isPresent();

        now = now.plus(Duration.ofMinutes(1));
        assertThat(take("k", 200)).contains(Duration.ofSeconds(40));
        now = now.plusSeconds(40);
        assertThat(take("k", 200)).isEmpty();
    }

    @Test
    void batchingDoesNotBuyMoreThanTheBurstAMinute() {
        int taken = 0;
        for (int i = 0; i < 10; i++) {
            taken += take("k", 200).isEmpty() ? 200 : 0;
        }
        assertThat(taken).isEqualTo(200);
    }

    @Test
    void aBucketFilledUnderALargerRateHoldsNoMoreThanTheNewCapacity() {
        rate = new TokenBucket.Rate(600, 600);
        assertThat(take("k", 1)).isEmpty();
        rate = new TokenBucket.Rate(60, 200);
        assertThat(take("k", 200)).isEmpty();
        assertThat(take("k", 1)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aClockBehindTheLastRefillRefillsNothingAndMovesNothingBack() {
        assertThat(take("k", 200)).isEmpty();
        Instant refilledAt = buckets.get("k").refilledAt();
        // another instance's clock, a little behind this one's
        now = now.minusSeconds(2);
        assertThat(take("k", 1)).contains(Duration.ofMillis(500));
        assertThat(buckets.get("k").refilledAt()).isEqualTo(refilledAt);
    }

    @Test
    void timesAreKeptToTheMicrosecondAsPostgreSQLStoresThem() {
        now = Instant.parse("2026-11-26T10:00:00.123456789Z");
        take("k", 1);
        assertThat(buckets.get("k").refilledAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00.123456Z"));
    }

    /** What {@link RateLimitBuckets} does with a row: the bucket or a full one, taken from, kept. */
    private Optional<Duration> take(String key, int cost) {
        TokenBucket.Taken taken = buckets.getOrDefault(key, TokenBucket.full(rate, now)).take(now, cost, rate);
        buckets.put(key, taken.bucket());
        return taken.refusedFor();
    }
}
