package io.incidents.policy;

import io.incidents.events.Severity;

import java.time.Duration;

/** One row of the decision matrix: what an error rate calls for. */
public record Decision(Priority priority, Recommendation recommendation, Severity severity, Duration decideWithin) {
}
