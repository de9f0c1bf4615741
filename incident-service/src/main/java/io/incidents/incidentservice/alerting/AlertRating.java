package io.incidents.incidentservice.alerting;

import io.incidents.events.AlertRecommendation;
import io.incidents.events.Severity;
import io.incidents.policy.Decision;
import io.incidents.policy.DecisionMatrix;

import java.time.Instant;
import java.util.Optional;

/**
 * What an alert says about severity, through the decision matrix (SPEC 5): an outage takes the
 * matrix's first row whatever its error rate; an error rate its row (SEV4 and no recommendation
 * below the lowest); the more severe of that and the alert's own severity wins. An alert that
 * says nothing (no severity, no error rate, no outage) has no severity of its own: it opens a
 * SEV3 but never raises an incident, so a responder's lowering holds until the alert itself says worse.
 *
 * @param ownSeverity    the severity the alert's own evidence calls for; null when it has none
 * @param recommendation the matrix's advice, when an error rate or an outage called for one
 */
record AlertRating(Severity ownSeverity, AlertRecommendation recommendation) {

    /** What a new incident gets when its alert says nothing about severity. */
    static final Severity WITHOUT_EVIDENCE = Severity.SEV3;

    static AlertRating of(Alert alert, Instant now) {
        Optional<Decision> decision = alert.outage()
                ? Optional.of(DecisionMatrix.DEFAULT.forOutage())
                : Optional.ofNullable(alert.errorRate()).flatMap(DecisionMatrix.DEFAULT::decide);
        Severity fromMatrix = alert.outage() ? decision.orElseThrow().severity()
                : alert.errorRate() == null ? null : DecisionMatrix.DEFAULT.severityFor(alert.errorRate());
        Severity severity = moreSevere(alert.severity(), fromMatrix);
        AlertRecommendation recommendation = decision.map(d -> new AlertRecommendation(alert.errorRate(), d.priority(),
                d.recommendation(), d.decideWithin() == null ? null : now.plus(d.decideWithin()))).orElse(null);
        return new AlertRating(severity, recommendation);
    }

    /** The severity of the incident the alert opens. */
    Severity declaredSeverity() {
        return ownSeverity != null ? ownSeverity : WITHOUT_EVIDENCE;
    }

    private static Severity moreSevere(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isMoreSevereThan(a) ? b : a;
    }
}
