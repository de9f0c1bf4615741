package io.incidents.incidentservice.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One integration's bucket: it holds up to {@code capacity} tokens and refills at
 * {@code perMinute}. Pure arithmetic; {@link RateLimitBuckets} keeps the state in PostgreSQL.
 * Times are whole microseconds, as PostgreSQL stores them, so a bucket read back computes as the
 * one written.
 *
 * @param tokens     what it held at {@code refilledAt}
 * @param refilledAt when it was last refilled
 */
record TokenBucket(double tokens, Instant refilledAt) {

    /** A rate: how fast a bucket refills and how much it holds. */
    record Rate(double perMinute, double capacity) {
    }

    /** What a take left: the bucket as it is now, and when refused how long until it holds enough. */
    record Taken(TokenBucket bucket, Optional<Duration> refusedFor) {
    }

    static TokenBucket full(Rate rate, Instant now) {
        return new TokenBucket(rate.capacity(), micros(now));
    }

    /** Refills for the time since the last refill, then takes {@code cost} tokens, all or none. */
    Taken take(Instant now, double cost, Rate rate) {
        Instant at = micros(now);
        double held = tokens;
        Instant refilled = refilledAt;
        if (at.isAfter(refilledAt)) {
            // Multiplied before divided: whole seconds then refill whole tokens, with no rounding.
            held = Math.min(rate.capacity(), tokens + Duration.between(refilledAt, at).toNanos() * rate.perMinute() / 60e9);
            refilled = at;
        }
        // A bucket from a time the rate was larger holds at most the new capacity.
        held = Math.min(held, rate.capacity());
        if (held >= cost) {
            return new Taken(new TokenBucket(held - cost, refilled), Optional.empty());
        }
        return new Taken(new TokenBucket(held, refilled),
                Optional.of(Duration.ofNanos((long) Math.ceil((cost - held) * 60e9 / rate.perMinute()))));
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
