package io.incidents.policy;

import io.incidents.events.RollbackProcedure;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Expected duration range per rollback procedure (SPEC section 5); past the upper bound a rollback is flagged. */
public record RollbackDurations(Map<RollbackProcedure, Range> expected) {

    public record Range(Duration min, Duration max) {
        public Range {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("invalid duration range " + min + ".." + max);
            }
        }
    }

    public static final RollbackDurations DEFAULT = new RollbackDurations(Map.of(
            RollbackProcedure.A, new Range(Duration.ofMinutes(5), Duration.ofMinutes(10)),
            RollbackProcedure.B, new Range(Duration.ofMinutes(10), Duration.ofMinutes(20)),
            RollbackProcedure.C, new Range(Duration.ofMinutes(3), Duration.ofMinutes(5)),
            RollbackProcedure.D, new Range(Duration.ZERO, Duration.ofMinutes(1))));

    public RollbackDurations {
        EnumMap<RollbackProcedure, Range> copy = new EnumMap<>(RollbackProcedure.class);
        copy.putAll(expected);
        for (RollbackProcedure procedure : RollbackProcedure.values()) {
            if (!copy.containsKey(procedure)) {
                throw new IllegalArgumentException("no expected duration for procedure " + procedure);
            }
        }
        expected = Map.copyOf(copy);
    }

    public Range expectedFor(RollbackProcedure procedure) {
        return expected.get(procedure);
    }

    /** True when a rollback has run longer than its procedure's upper bound. */
    public boolean isOverrun(RollbackProcedure procedure, Duration ranFor) {
        return ranFor.compareTo(expected.get(procedure).max()) > 0;
    }
}
