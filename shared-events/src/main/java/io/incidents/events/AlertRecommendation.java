package io.incidents.events;

import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the rollback decision matrix (SPEC section 5) advised for an alert-born incident, from the
 * alert's error rate: e.g. ROLLBACK_NOW, to be decided by {@code decideBy}.
 */
public record AlertRecommendation(BigDecimal errorRatePercent, Priority priority, Recommendation recommendation,
                                  Instant decideBy) {
}
