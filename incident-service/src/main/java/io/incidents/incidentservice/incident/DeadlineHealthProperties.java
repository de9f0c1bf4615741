package io.incidents.incidentservice.incident;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * When an escalation deadline counts as late: health shows DEGRADED while one is.
 *
 * @param lateAfter     a deadline is late once its firing has failed for this long (read from its
 *                      failures in a row and the retry schedule), or it has been due this long
 *                      without being fired at all (no instance's scheduler gets to it)
 * @param checkInterval how often the deadlines are read for health and metrics
 */
@ConfigurationProperties("incidents.deadlines.health")
public record DeadlineHealthProperties(@DefaultValue("3m") Duration lateAfter, @DefaultValue("15s") Duration checkInterval) {

    public DeadlineHealthProperties {
        if (lateAfter.isNegative() || lateAfter.isZero() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("incidents.deadlines.health needs a positive late-after and check-interval, not "
                    + lateAfter + " and " + checkInterval);
        }
    }
}
