package io.incidents.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One fault, injected while the workload runs. */
interface Scenario {

    String name();

    /**
     * Injects the fault and returns when it is over: the moment the process was started again,
     * the broker or database came back, the channels recovered. Recovery is counted from there.
     */
    Instant inject(FaultContext context) throws Exception;

    /** What the scenario itself expects beyond the common checks; the count of what is missing. */
    default Findings verify(FaultContext context) throws Exception {
        return Findings.NONE;
    }

    /**
     * When notification-service was killed mid-send in this scenario, or null. A message its
     * receiver had taken just before, but that the dead process had not yet recorded as sent, is
     * sent again after the restart: SPEC 6's at-least-once, which receivers deduplicate by the
     * message's id. The audit allows exactly that repeat and nothing more.
     */
    default Instant sendsCutOffAt() {
        return null;
    }

    /** Undoes what the scenario started for itself (a second instance), after the audit. */
    default void cleanUp(FaultContext context) throws Exception {
    }

    /** The workload's rate during this scenario, given the run's usual one. */
    default int operationsPerSecond(int usual) {
        return usual;
    }

    /** How long the read sides and receivers get to catch up after the workload stops. */
    default Duration patience() {
        return Duration.ofMinutes(5);
    }

    /**
     * Findings of a scenario's own checks: what is missing and what is there twice, with words for
     * the report, and the promises it checks beyond those that were not kept ({@code broken}: a
     * relay that was not taken over in time, a rate limit exceeded), each of which fails the run.
     */
    record Findings(long lost, long duplicated, List<String> notes, List<String> broken) {
        static final Findings NONE = new Findings(0, 0, List.of());

        Findings(long lost, long duplicated, List<String> notes) {
            this(lost, duplicated, notes, List.of());
        }
    }
}
