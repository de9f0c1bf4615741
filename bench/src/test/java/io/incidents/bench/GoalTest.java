package io.incidents.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoalTest {

    @Test
    void aRatioGoalIsMetAtTheBoundAndNotBelow() {
        Goal goal = Goal.ratioAtLeast(0.8);

        assertThat(goal.metBy(result(0.8, 10.0))).isTrue();
        assertThat(goal.metBy(result(0.799, 10.0))).isFalse();
        assertThat(goal.verdict(result(0.5, 10.0))).isEqualTo("w: goal ratio >= 0.8 NOT met");
    }

    @Test
    void aLatencyGoalIsMetOnlyBelowTheBound() {
        Goal goal = Goal.p99Below(300);

        assertThat(goal.metBy(result(1.0, 299.99))).isTrue();
        assertThat(goal.metBy(result(1.0, 300.0))).isFalse();
        assertThat(goal.verdict(result(1.0, 120.0))).isEqualTo("w: goal p99 < 300 ms met");
    }

    @Test
    void aFigureThatIsNotThereDoesNotMeetTheGoal() {
        WorkloadResult withoutLatencies = new WorkloadResult("w", 1, "MB", null, null, null, null, null);

        assertThat(Goal.p99Below(300).metBy(withoutLatencies)).isFalse();
        assertThat(Goal.ratioAtLeast(0.7).metBy(withoutLatencies)).isFalse();
    }

    private static WorkloadResult result(double ratio, double p99) {
        return new WorkloadResult("w", 1, "requests/s", 1.0, ratio, 1.0, p99, null);
    }
}
