package io.incidents.incidentservice.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Idempotency keys of creating POSTs.
 *
 * @param retention how long a key's answer is kept and replayed (at least this long; then the
 *                  key may be used again)
 * @param cleanupInterval how often expired keys are deleted
 */
@ConfigurationProperties("incidents.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention, @DefaultValue("1h") Duration cleanupInterval) {

    public IdempotencyProperties {
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("incidents.idempotency.retention must be at least 1h, not " + retention
                    + ": a client retrying after an outage must still find its answer");
        }
    }
}
