package io.incidents.bench;

import java.util.List;
import java.util.Locale;

/** The results as a table for people; {@link ResultsJson} is the form for programs. */
final class ResultsTable {

    private static final String ROW = "%-28s %12s %-12s %12s %7s %9s %9s%n";

    private ResultsTable() {
    }

    static String format(List<WorkloadResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, ROW, "workload", "value", "unit", "baseline", "ratio", "p50 ms", "p99 ms"));
        for (WorkloadResult result : results) {
            table.append(String.format(Locale.ROOT, ROW, result.name(), number(result.value(), 1), result.unit(),
                    number(result.baseline(), 1), number(result.ratio(), 3), number(result.p50(), 2),
                    number(result.p99(), 2)));
        }
        return table.toString();
    }

    /** Fixed decimals per column, so figures line up; a dash where the field does not apply. */
    private static String number(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
