package io.incidents.timelineservice.api;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.policy.SlaTarget;

import java.time.Duration;
import java.time.Instant;

/**
 * What an SLA report and a what-if accept, checked alike by the API and the dashboard: a
 * refusal is a {@link BadQueryException} (400) whose reason says what to change.
 */
public final class SlaLimits {

    public static final Duration LONGEST_PERIOD = Duration.ofDays(366);
    /** Longer targets mean nothing for an incident, and far larger ones would overflow a deadline. */
    public static final Duration LONGEST_TARGET = Duration.ofDays(365);

    private SlaLimits() {
    }

    public static void checkPeriod(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new BadQueryException("from must be before to.");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw new BadQueryException("A report covers at most 366 days.");
        }
    }

    /**
     * {@code policy} with one level's targets replaced for a what-if; a {@code null} target keeps
     * the level's current one.
     */
    public static SlaPolicy withTargets(SlaPolicy policy, Severity severity, Duration acknowledgeWithin,
                                        Duration resolveWithin) {
        SlaTarget current = policy.targetFor(severity);
        Duration ack = acknowledgeWithin == null ? current.acknowledgeWithin() : acknowledgeWithin;
        Duration resolve = resolveWithin == null ? current.resolveWithin() : resolveWithin;
        if (ack.isNegative() || ack.isZero() || resolve.isNegative() || resolve.isZero()) {
            throw new BadQueryException("Targets must be positive durations (" + severity + ").");
        }
        if (ack.compareTo(LONGEST_TARGET) > 0 || resolve.compareTo(LONGEST_TARGET) > 0) {
            throw new BadQueryException("Targets can be at most 365 days (" + severity + ").");
        }
        return policy.with(severity, SlaTarget.of(ack, resolve));
    }
}
