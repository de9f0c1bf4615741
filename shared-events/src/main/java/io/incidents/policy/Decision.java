package io.incidents.policy;

import io.incidents.events.Severity;

import java.time.Duration;

/**
 * One row of the decision matrix: what an error rate calls for.
 *
 * @param decideWithin how long responders have to decide, from the alert; null when the
 *                     recommendation sets no deadline (FIX_FORWARD: the plan gives it none)
 */
public record Decision(Priority priority, Recommendation recommendation, Severity severity, Duration decideWithin) {
}
