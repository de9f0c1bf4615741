package io.incidents.policy;

import io.incidents.events.Severity;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rollback decision matrix of SPEC section 5, from an alert's error rate in percent.
 * Each row applies from its lower bound (inclusive) up to the next row's: 10 % exactly is
 * high, anything above it critical; below the lowest bound the matrix gives SEV4 and no
 * recommendation ({@link #severityFor}).
 */
public record DecisionMatrix(List<Row> rows) {

    /** A row applies to error rates at or above {@code fromPercent} (or above, when {@code exclusive}). */
    public record Row(BigDecimal fromPercent, boolean exclusive, Decision decision) {
        boolean matches(BigDecimal errorRatePercent) {
            int comparison = errorRatePercent.compareTo(fromPercent);
            return exclusive ? comparison > 0 : comparison >= 0;
        }
    }

    public static final DecisionMatrix DEFAULT = new DecisionMatrix(List.of(
            new Row(new BigDecimal("10"), true,
                    new Decision(Priority.CRITICAL, Recommendation.ROLLBACK_NOW, Severity.SEV1, Duration.ofMinutes(5))),
            new Row(new BigDecimal("5"), false,
                    new Decision(Priority.HIGH, Recommendation.ROLLBACK, Severity.SEV2, Duration.ofMinutes(15))),
            new Row(new BigDecimal("2"), false,
                    new Decision(Priority.MEDIUM, Recommendation.INVESTIGATE, Severity.SEV3, Duration.ofMinutes(30))),
            new Row(new BigDecimal("0.5"), false,
                    new Decision(Priority.LOW, Recommendation.FIX_FORWARD, Severity.SEV4, null))));

    public DecisionMatrix {
        rows = rows.stream().sorted(Comparator.comparing(Row::fromPercent).reversed()).toList();
    }

    /** The decision for an error rate in percent, or empty below the lowest row. */
    public Optional<Decision> decide(BigDecimal errorRatePercent) {
        if (errorRatePercent.signum() < 0 || errorRatePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("error rate must be between 0 and 100 percent: " + errorRatePercent);
        }
        return rows.stream().filter(row -> row.matches(errorRatePercent)).findFirst().map(Row::decision);
    }

    /** The severity an error rate calls for: its row's, or SEV4 below the lowest row (SPEC 5). */
    public Severity severityFor(BigDecimal errorRatePercent) {
        return decide(errorRatePercent).map(Decision::severity).orElse(Severity.SEV4);
    }

    /** An outage calls for the most critical row whatever the error rate. */
    public Decision forOutage() {
        return rows.get(0).decision();
    }
}
