package io.incidents.incidentservice.alerting;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per integration key: up to the per-minute limit at once, refilled evenly over
 * the minute. Kept in memory: with several instances each one counts its own share.
 */
@Component
class RateLimiter {

    private final double perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(AlertingProperties properties, Clock clock) {
        this.perMinute = properties.rateLimitPerMinute();
        this.clock = clock;
    }

    boolean tryAcquire(String integration) {
        return tryAcquire(integration, 1);
    }

    /**
     * Takes {@code events} tokens at once, or none: a payload is taken in whole or refused whole.
     * A payload larger than the bucket costs the whole bucket, so it can still get through.
     */
    boolean tryAcquire(String integration, int events) {
        double cost = Math.min(Math.max(1, events), perMinute);
        return buckets.computeIfAbsent(integration, name -> new Bucket(perMinute, clock.instant()))
                .take(clock.instant(), perMinute, cost);
    }

    private static final class Bucket {
        private double tokens;
        private Instant refilledAt;

        Bucket(double tokens, Instant now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean take(Instant now, double perMinute, double cost) {
            double elapsedMinutes = Duration.between(refilledAt, now).toNanos() / 60e9;
            tokens = Math.min(perMinute, tokens + elapsedMinutes * perMinute);
            refilledAt = now;
            if (tokens >= cost) {
                tokens -= cost;
                return true;
            }
            return false;
        }
    }
}
