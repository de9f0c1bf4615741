package io.incidents.policy;

import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDefaultsTest {

    @ParameterizedTest
    @CsvSource({"SEV1, 5, 60", "SEV2, 15, 240", "SEV3, 30, 480", "SEV4, 60, 1440"})
    void slaTargetsFollowTheResponsePlan(Severity severity, long ackMinutes, long resolveMinutes) {
        SlaTarget target = SlaPolicy.DEFAULT.targetFor(severity);

        assertThat(target.acknowledgeWithin()).isEqualTo(Duration.ofMinutes(ackMinutes));
        assertThat(target.resolveWithin()).isEqualTo(Duration.ofMinutes(resolveMinutes));
    }

    @Test
    void oneLevelCanBeOverriddenLeavingTheOthers() {
        SlaPolicy stricter = SlaPolicy.DEFAULT.with(Severity.SEV2, SlaTarget.of(Duration.ofMinutes(10), Duration.ofHours(2)));

        assertThat(stricter.targetFor(Severity.SEV2).acknowledgeWithin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(stricter.targetFor(Severity.SEV1)).isEqualTo(SlaPolicy.DEFAULT.targetFor(Severity.SEV1));
    }

    @Test
    void aPolicyMissingALevelIsRejected() {
        assertThatThrownBy(() -> new SlaPolicy(Map.of(Severity.SEV1, SlaTarget.of(Duration.ofMinutes(1), Duration.ofHours(1)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"SEV1, 4", "SEV2, 2", "SEV3, 1", "SEV4, 0"})
    void escalationStartsAtTheLevelTheSeverityTells(Severity severity, int level) {
        assertThat(EscalationPolicy.DEFAULT.levelAtDeclaration(severity)).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({
            "100, CRITICAL, ROLLBACK_NOW, SEV1",
            "10.01, CRITICAL, ROLLBACK_NOW, SEV1",
            "10, HIGH, ROLLBACK, SEV2",
            "5, HIGH, ROLLBACK, SEV2",
            "4.99, MEDIUM, INVESTIGATE, SEV3",
            "2, MEDIUM, INVESTIGATE, SEV3",
            "1.99, LOW, FIX_FORWARD, SEV4",
            "0.5, LOW, FIX_FORWARD, SEV4"})
    void errorRateMapsThroughTheDecisionMatrix(String rate, Priority priority, Recommendation recommendation, Severity severity) {
        Decision decision = DecisionMatrix.DEFAULT.decide(new BigDecimal(rate)).orElseThrow();

        assertThat(decision.priority()).isEqualTo(priority);
        assertThat(decision.recommendation()).isEqualTo(recommendation);
        assertThat(decision.severity()).isEqualTo(severity);
    }

    @Test
    void errorRateBelowTheLowestRowCallsForNoRecommendationAndSev4() {
        assertThat(DecisionMatrix.DEFAULT.decide(new BigDecimal("0.49"))).isEmpty();
        assertThat(DecisionMatrix.DEFAULT.severityFor(new BigDecimal("0.49"))).isEqualTo(Severity.SEV4);
        assertThat(DecisionMatrix.DEFAULT.severityFor(BigDecimal.ZERO)).isEqualTo(Severity.SEV4);
        assertThat(DecisionMatrix.DEFAULT.severityFor(new BigDecimal("3"))).isEqualTo(Severity.SEV3);
        assertThat(DecisionMatrix.DEFAULT.forOutage().recommendation()).isEqualTo(Recommendation.ROLLBACK_NOW);
    }

    @Test
    void onlyFixForwardHasNoTimeToDecideBy() {
        assertThat(DecisionMatrix.DEFAULT.decide(new BigDecimal("1")).orElseThrow().decideWithin()).isNull();
        assertThat(DecisionMatrix.DEFAULT.decide(new BigDecimal("3")).orElseThrow().decideWithin()).isEqualTo(Duration.ofMinutes(30));
        assertThat(DecisionMatrix.DEFAULT.forOutage().decideWithin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(DecisionMatrix.DEFAULT.forOutage().recommendation()).isEqualTo(Recommendation.ROLLBACK_NOW);
    }

    @Test
    void errorRateOutsideZeroToHundredIsRejected() {
        assertThatThrownBy(() -> DecisionMatrix.DEFAULT.decide(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecisionMatrix.DEFAULT.decide(new BigDecimal("101"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rollbackPastItsProcedureUpperBoundIsAnOverrun() {
        assertThat(RollbackDurations.DEFAULT.isOverrun(RollbackProcedure.A, Duration.ofMinutes(10))).isFalse();
        assertThat(RollbackDurations.DEFAULT.isOverrun(RollbackProcedure.A, Duration.ofMinutes(10).plusSeconds(1))).isTrue();
        assertThat(RollbackDurations.DEFAULT.isOverrun(RollbackProcedure.D, Duration.ofSeconds(61))).isTrue();
    }
}
