package io.incidents.incidentservice.alerting;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per integration: it holds up to
 * {@link AlertingProperties#burst(AlertingProperties.Integration)} tokens and refills at the
 * integration's per-minute limit. Every alert costs one token, so a payload of n alerts costs n
 * however it is batched. The buckets are in PostgreSQL ({@link RateLimitBuckets}): with several
 * instances the limit holds for the key, whichever instance its alerts reach.
 */
@Component
class RateLimiter {

    private final AlertingProperties properties;
    private final RateLimitBuckets buckets;
    private final Clock clock;
    /** One take per integration at a time in this instance (see {@link #acquire}); one lock per integration name. */
    private final Map<String, Object> takingFrom = new ConcurrentHashMap<>();

    RateLimiter(AlertingProperties properties, RateLimitBuckets buckets, Clock clock) {
        this.properties = properties;
        this.buckets = buckets;
        this.clock = clock;
    }

    /**
     * Takes one token per alert, all at once or none: a payload is taken whole or refused whole,
     * so a retry of a refused payload does not repeat half of it.
     *
     * @return empty when taken; otherwise how long until the bucket holds enough (for {@code Retry-After})
     * @throws IllegalArgumentException for more alerts than the bucket can ever hold: the payload cap comes first
     */
    Optional<Duration> acquire(AlertingProperties.Integration integration, int alerts) {
        double perMinute = properties.rateLimitPerMinute(integration);
        double capacity = properties.burst(integration);
        if (alerts < 1 || alerts > capacity) {
            throw new IllegalArgumentException("a payload of " + alerts + " alerts cannot fit a bucket of " + (long) capacity);
        }
        double held;
        // The takes of one busy integration queue here, not on its row in PostgreSQL: there each
        // would hold a pooled connection while it waits, and a burst of alerts would take them all.
        synchronized (takingFrom.computeIfAbsent(integration.name(), name -> new Object())) {
            held = buckets.take(integration.name(), capacity, perMinute, alerts, clock.instant());
        }
        if (held >= alerts) {
            return Optional.empty();
        }
        // Multiplied before divided: whole seconds then refill whole tokens, with no rounding.
        return Optional.of(Duration.ofNanos((long) Math.ceil((alerts - held) * 60e9 / perMinute)));
    }
}
