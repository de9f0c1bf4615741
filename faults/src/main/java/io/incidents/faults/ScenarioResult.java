package io.incidents.faults;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One row of {@code target/faults/results.json} (SPEC section 9), plus what went wrong in words.
 *
 * @param recoverySeconds from the end of the fault until a new command was visible end to end; null if it never was
 * @param broken          the scenario's own promises that were not kept ({@link Scenario.Findings#broken()})
 */
record ScenarioResult(String name, long operations, long accepted, long stored, long lost, long duplicated,
                      Double recoverySeconds, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> broken) {

    ScenarioResult(String name, long operations, long accepted, long stored, long lost, long duplicated, Double recoverySeconds,
                   List<String> notes) {
        this(name, operations, accepted, stored, lost, duplicated, recoverySeconds, notes, List.of());
    }

    boolean clean() {
        return lost == 0 && duplicated == 0 && recoverySeconds != null && stored == accepted && broken.isEmpty();
    }
}
