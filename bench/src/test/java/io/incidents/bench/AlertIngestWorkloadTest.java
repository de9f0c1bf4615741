package io.incidents.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AlertIngestWorkloadTest {

    @Test
    void oneAlertInTenRepeatsTheSendersPreviousOne() {
        List<String> keys = IntStream.range(0, 100).mapToObj(nth -> AlertIngestWorkload.dedupKey("p-", 3, nth)).toList();

        assertThat(keys.get(8)).isEqualTo("p-3-8");
        assertThat(keys.get(9)).isEqualTo(keys.get(8));
        assertThat(keys.get(10)).isEqualTo("p-3-10");
        Set<String> distinct = new HashSet<>(keys);
        assertThat(distinct).hasSize(90);
        assertThat(AlertIngestWorkload.dedupKey("p-", 4, 0)).isNotIn(distinct);
    }
}
