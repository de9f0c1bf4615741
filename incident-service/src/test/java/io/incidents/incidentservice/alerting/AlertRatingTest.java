package io.incidents.incidentservice.alerting;

import io.incidents.events.Severity;
import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 5's decision matrix as an alert meets it. */
class AlertRatingTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static Alert alert(Severity severity, String errorRate, boolean outage) {
        return new Alert(Alert.Action.TRIGGER, "key-1", "Checkout errors", "prometheus", "checkout", severity,
                errorRate == null ? null : new BigDecimal(errorRate), outage, null, null, null);
    }

    @Test
    void anErrorRateBelowTheLowestRowIsSev4WithoutRecommendationNeverTheSev3Default() {
        AlertRating rating = AlertRating.of(alert(null, "0.3", false), NOW);

        assertThat(rating.declaredSeverity()).isEqualTo(Severity.SEV4);
        assertThat(rating.recommendation()).isNull();
    }

    @Test
    void theLowRowIsSev4FixForwardWithNoTimeToDecideBy() {
        AlertRating rating = AlertRating.of(alert(null, "1", false), NOW);

        assertThat(rating.declaredSeverity()).isEqualTo(Severity.SEV4);
        assertThat(rating.recommendation().recommendation()).isEqualTo(Recommendation.FIX_FORWARD);
        assertThat(rating.recommendation().decideBy()).isNull();
    }

    @Test
    void anOutageTakesTheFirstRowWhateverItsErrorRate() {
        AlertRating rating = AlertRating.of(alert(Severity.SEV3, "1", true), NOW);

        assertThat(rating.declaredSeverity()).isEqualTo(Severity.SEV1);
        assertThat(rating.recommendation().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(rating.recommendation().recommendation()).isEqualTo(Recommendation.ROLLBACK_NOW);
        assertThat(rating.recommendation().decideBy()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(rating.recommendation().errorRatePercent()).isEqualByComparingTo("1");
    }

    @Test
    void theMoreSevereOfTheAlertsSeverityAndTheMatrixWins() {
        assertThat(AlertRating.of(alert(Severity.SEV3, "12.5", false), NOW).declaredSeverity()).isEqualTo(Severity.SEV1);
        AlertRating criticalLowRate = AlertRating.of(alert(Severity.SEV1, "1", false), NOW);
        assertThat(criticalLowRate.declaredSeverity()).isEqualTo(Severity.SEV1);
        assertThat(criticalLowRate.recommendation().recommendation()).isEqualTo(Recommendation.FIX_FORWARD);
    }

    @Test
    void anAlertThatSaysNothingOpensASev3ButHasNoSeverityOfItsOwnToRaiseWith() {
        AlertRating rating = AlertRating.of(alert(null, null, false), NOW);

        assertThat(rating.ownSeverity()).isNull();
        assertThat(rating.declaredSeverity()).isEqualTo(Severity.SEV3);
        assertThat(rating.recommendation()).isNull();
    }

    @Test
    void aSeverityWithoutErrorRateOrOutageGivesNoRecommendation() {
        AlertRating rating = AlertRating.of(alert(Severity.SEV1, null, false), NOW);

        assertThat(rating.ownSeverity()).isEqualTo(Severity.SEV1);
        assertThat(rating.recommendation()).isNull();
    }
}
