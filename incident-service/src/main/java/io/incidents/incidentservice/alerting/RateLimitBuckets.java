package io.incidents.incidentservice.alerting;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The token buckets in PostgreSQL, one row per integration, so every instance of the service
 * draws on the same bucket: a key sends its limit per minute in all, not per instance. A take is
 * one statement that refills the bucket for the time since its last refill, then takes the cost
 * if the bucket holds it: the row is locked only while that statement runs, which keeps one busy
 * integration's alerts from queueing behind each other's round trips.
 */
@Repository
class RateLimitBuckets {

    /**
     * Refills (never above the capacity, never for a time before the last refill: another
     * instance's clock may be a little behind) and takes {@code cost} if held. Answers what the
     * bucket held before the take.
     */
    private static final String TAKE = """
            UPDATE alert_rate_bucket AS bucket
               SET tokens = CASE WHEN refilled.held >= ? THEN refilled.held - ? ELSE refilled.held END,
                   refilled_at = refilled.at
              FROM (SELECT integration,
                           least(?, tokens + greatest(0, extract(epoch FROM (? - refilled_at)))::float8 * ? / 60) AS held,
                           greatest(refilled_at, ?) AS at
                      FROM alert_rate_bucket WHERE integration = ? FOR UPDATE) AS refilled
             WHERE bucket.integration = refilled.integration
            RETURNING refilled.held""";

    private final JdbcTemplate jdbc;

    RateLimitBuckets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes {@code cost} tokens from the integration's bucket, which is full the first time.
     *
     * @return what the bucket held at {@code now}, before the take: the take happened if it was at least {@code cost}
     */
    double take(String integration, double capacity, double perMinute, double cost, Instant now) {
        // Microseconds, as PostgreSQL keeps them.
        Timestamp at = Timestamp.from(now.truncatedTo(ChronoUnit.MICROS));
        OptionalDouble held = take(integration, capacity, perMinute, cost, at);
        if (held.isEmpty()) {
            jdbc.update("INSERT INTO alert_rate_bucket (integration, tokens, refilled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    integration, capacity, at);
            held = take(integration, capacity, perMinute, cost, at);
        }
        return held.orElseThrow(() -> new IllegalStateException("the rate-limit bucket of " + integration + " is missing"));
    }

    private OptionalDouble take(String integration, double capacity, double perMinute, double cost, Timestamp at) {
        List<Double> held = jdbc.queryForList(TAKE, Double.class, cost, cost, capacity, at, perMinute, at, integration);
        return held.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(held.get(0));
    }
}
