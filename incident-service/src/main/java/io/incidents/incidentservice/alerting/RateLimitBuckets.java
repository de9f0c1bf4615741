package io.incidents.incidentservice.alerting;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Function;

/**
 * The token buckets in PostgreSQL, one row per integration, so every instance of the service
 * draws on the same bucket: a key sends its limit per minute in all, not per instance. A take
 * reads and writes the row under its lock in one short transaction of its own.
 */
@Repository
class RateLimitBuckets {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    RateLimitBuckets(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Applies {@code take} to the integration's bucket ({@code whenNew} if it has none yet) and
     * stores what it leaves.
     */
    TokenBucket.Taken take(String integration, TokenBucket whenNew, Function<TokenBucket, TokenBucket.Taken> take) {
        return transactions.execute(status -> {
            // The row first, so that two first takes at once both lock the same row.
            jdbc.update("INSERT INTO alert_rate_bucket (integration, tokens, refilled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    integration, whenNew.tokens(), Timestamp.from(whenNew.refilledAt()));
            TokenBucket bucket = jdbc.queryForObject("SELECT tokens, refilled_at FROM alert_rate_bucket WHERE integration = ? FOR UPDATE",
                    (rs, n) -> new TokenBucket(rs.getDouble("tokens"), rs.getTimestamp("refilled_at").toInstant()), integration);
            TokenBucket.Taken taken = take.apply(bucket);
            jdbc.update("UPDATE alert_rate_bucket SET tokens = ?, refilled_at = ? WHERE integration = ?",
                    taken.bucket().tokens(), Timestamp.from(taken.bucket().refilledAt()), integration);
            return taken;
        });
    }
}
