package io.incidents.incidentservice.alerting;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per integration: it holds up to {@link AlertingProperties#burst()} tokens and
 * refills at the per-minute limit. Every alert costs one token, so a payload of n alerts costs n
 * however it is batched. Kept in memory: with several instances each one counts its own share.
 */
@Component
class RateLimiter {

    private final double perMinute;
    private final double capacity;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(AlertingProperties properties, Clock clock) {
        this.perMinute = properties.rateLimitPerMinute();
        this.capacity = properties.burst();
        this.clock = clock;
    }

    /**
     * Takes one token per alert, all at once or none: a payload is taken whole or refused whole,
     * so a retry of a refused payload does not repeat half of it.
     *
     * @return empty when taken; otherwise how long until the bucket holds enough (for {@code Retry-After})
     * @throws IllegalArgumentException for more alerts than the bucket can ever hold: the payload cap comes first
     */
    Optional<Duration> acquire(String integration, int alerts) {
        if (alerts < 1 || alerts > capacity) {
            throw new IllegalArgumentException("a payload of " + alerts + " alerts cannot fit a bucket of " + (long) capacity);
        }
        Instant now = clock.instant();
        return buckets.computeIfAbsent(integration, name -> new Bucket(capacity, now)).take(now, alerts);
    }

    private final class Bucket {
        private double tokens;
        private Instant refilledAt;

        Bucket(double tokens, Instant now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Optional<Duration> take(Instant now, double cost) {
            if (now.isAfter(refilledAt)) {
                // Multiplied before divided: whole seconds then refill whole tokens, with no rounding.
                tokens = Math.min(capacity, tokens + Duration.between(refilledAt, now).toNanos() * perMinute / 60e9);
                refilledAt = now;
            }
            if (tokens >= cost) {
                tokens -= cost;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((cost - tokens) * 60e9 / perMinute)));
        }
    }
}
