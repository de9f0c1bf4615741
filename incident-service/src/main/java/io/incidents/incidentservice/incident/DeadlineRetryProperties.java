package io.incidents.incidentservice.incident;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How soon an escalation deadline whose firing failed (a concurrent change of the incident, a
 * database glitch) is tried again: {@code first} after the first failure, doubling up to
 * {@code max}, for as long as it keeps failing. db-scheduler's own default, five minutes, would
 * delay a SEV2's page by a third of its acknowledge target.
 */
@ConfigurationProperties("incidents.deadlines.retry")
public record DeadlineRetryProperties(@DefaultValue("5s") Duration first, @DefaultValue("1m") Duration max) {

    public DeadlineRetryProperties {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("incidents.deadlines.retry needs 0 < first <= max, not first="
                    + first + " max=" + max);
        }
    }
}
