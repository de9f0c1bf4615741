package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;

import java.time.Duration;
import java.time.Instant;

/**
 * What the public may see: incidents at or above a minimum severity (minor ones are logged
 * internally, not announced), and history and feed entries of the last 90 days.
 */
record StatusPagePolicy(Severity minimumSeverity) {

    static final Duration HISTORY = Duration.ofDays(90);

    StatusPagePolicy {
        if (minimumSeverity == null) {
            throw new IllegalArgumentException("a minimum severity is required");
        }
    }

    boolean shows(Severity severity) {
        return severity != null && !minimumSeverity.isMoreSevereThan(severity);
    }

    static Instant historySince(Instant now) {
        return now.minus(HISTORY);
    }
}
