package io.incidents.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When an incident's problem was detected, the moment both SLA clocks start from (SPEC 4): the
 * alert's own start or a time a responder gives, never later than the declaration and at most
 * {@link #MAX_LEAD} before it. A value outside that range is clamped, and the value as given is
 * kept so the clamp stays visible.
 *
 * @param detectedAt the moment the clocks start from
 * @param asGiven    the value given, when it was clamped; null when it was taken as it was (or none was given)
 */
public record Detection(Instant detectedAt, Instant asGiven) {

    /** The furthest a detection may lie before its declaration: an older start is stale, not an SLA clock. */
    public static final Duration MAX_LEAD = Duration.ofHours(24);

    public Detection {
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    /**
     * @param given      the time the alert or the responder gave; null when there is none (detection = declaration)
     * @param declaredAt the declaration's time
     */
    public static Detection of(Instant given, Instant declaredAt) {
        Objects.requireNonNull(declaredAt, "declaredAt");
        if (given == null) {
            return new Detection(declaredAt, null);
        }
        if (given.isAfter(declaredAt)) {
            return new Detection(declaredAt, given);
        }
        Instant earliest = declaredAt.minus(MAX_LEAD);
        if (given.isBefore(earliest)) {
            return new Detection(earliest, given);
        }
        return new Detection(given, null);
    }

    public boolean clamped() {
        return asGiven != null;
    }
}
