package io.incidents.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsTableTest {

    @Test
    void showsEachFigureWithItsColumnsDecimalsAndADashWhereAFieldDoesNotApply() {
        String table = ResultsTable.format(List.of(
                new WorkloadResult("authenticated-read", 1481.5, "requests/s", 1546.3, 0.958, 6.23, 74.1, null),
                new WorkloadResult("store-growth", 12.0, "MB", null, null, null, null, null)));

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("workload", "value", "unit", "baseline", "ratio", "p50", "ms",
                "p99", "ms");
        assertThat(lines.get(1).split("\\s+"))
                .containsExactly("authenticated-read", "1481.5", "requests/s", "1546.3", "0.958", "6.23", "74.10");
        assertThat(lines.get(2).split("\\s+")).containsExactly("store-growth", "12.0", "MB", "-", "-", "-", "-");
    }
}
