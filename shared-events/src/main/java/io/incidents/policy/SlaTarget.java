package io.incidents.policy;

import java.time.Duration;
import java.util.Objects;

/** How long a severity level allows to acknowledge and to resolve an incident. */
public record SlaTarget(Duration acknowledgeWithin, Duration resolveWithin) {

    public SlaTarget {
        Objects.requireNonNull(acknowledgeWithin, "acknowledgeWithin");
        Objects.requireNonNull(resolveWithin, "resolveWithin");
        if (acknowledgeWithin.isNegative() || acknowledgeWithin.isZero()
                || resolveWithin.isNegative() || resolveWithin.isZero()) {
            throw new IllegalArgumentException("SLA targets must be positive durations");
        }
    }

    public static SlaTarget of(Duration acknowledgeWithin, Duration resolveWithin) {
        return new SlaTarget(acknowledgeWithin, resolveWithin);
    }
}
