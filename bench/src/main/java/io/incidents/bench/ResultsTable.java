package io.incidents.bench;

import java.util.List;
import java.util.Locale;

/** The results as a table for people; {@link ResultsJson} is the form for programs. */
final class ResultsTable {

    private static final String ROW = "%-22s %12s %-12s %12s %7s %9s %9s%n";

    private ResultsTable() {
    }

    static String format(List<WorkloadResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, ROW, "workload", "value", "unit", "baseline", "ratio", "p50 ms", "p99 ms"));
        for (WorkloadResult result : results) {
            table.append(String.format(Locale.ROOT, ROW, result.name(), number(result.value()), result.unit(),
                    number(result.baseline()), number(result.ratio()), number(result.p50()), number(result.p99())));
        }
        return table.toString();
    }

    /** As many decimals as the result was rounded to; a dash where the field does not apply. */
    private static String number(Double value) {
        return value == null ? "-" : String.valueOf(value);
    }
}
