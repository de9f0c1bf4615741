package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsJsonTest {

    @TempDir
    Path dir;

    @Test
    void writesTheFormOfSpecSection9WithRatioAgainstTheSameRunsBaseline() throws Exception {
        Latencies latencies = new Latencies(LongStream.rangeClosed(1, 100).map(i -> i * 1_000_000).toArray());
        WorkloadResult read = WorkloadResult.throughput("authenticated-read", 700.04, 1000.0, latencies);
        Path file = dir.resolve("target/bench/results.json");

        ResultsJson.write(List.of(read), file);

        JsonNode workload = new ObjectMapper().readTree(file.toFile()).get("workloads").get(0);
        assertThat(workload.fieldNames()).toIterable()
                .containsExactly("name", "value", "unit", "baseline", "ratio", "p50", "p99");
        assertThat(workload.get("name").asText()).isEqualTo("authenticated-read");
        assertThat(workload.get("value").asDouble()).isEqualTo(700.0);
        assertThat(workload.get("unit").asText()).isEqualTo("requests/s");
        assertThat(workload.get("baseline").asDouble()).isEqualTo(1000.0);
        assertThat(workload.get("ratio").asDouble()).isEqualTo(0.7);
        assertThat(workload.get("p50").asDouble()).isEqualTo(50.0);
        assertThat(workload.get("p99").asDouble()).isEqualTo(99.0);
    }

    @Test
    void fieldsThatDoNotApplyAreNullNotMissing() throws Exception {
        Path file = dir.resolve("results.json");

        ResultsJson.write(List.of(new WorkloadResult("store-growth", 12.5, "MB", null, null, null, null, null)), file);

        JsonNode workload = new ObjectMapper().readTree(file.toFile()).get("workloads").get(0);
        assertThat(workload.has("baseline")).isTrue();
        assertThat(workload.get("baseline").isNull()).isTrue();
        assertThat(workload.get("p99").isNull()).isTrue();
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void aBaselineWithoutRequestsFailsTheRunInsteadOfDividingByZero() {
        Latencies latencies = new Latencies(new long[] {1_000_000});

        assertThatThrownBy(() -> WorkloadResult.throughput("authenticated-read", 10, 0, latencies))
                .isInstanceOf(BenchFailure.class);
    }

    @Test
    void aRateHasItsRatioButNoLatencies() {
        WorkloadResult replay = WorkloadResult.rate("replay", "events/s", 12_345.67, 98_765.4);

        assertThat(replay.value()).isEqualTo(12_345.7);
        assertThat(replay.baseline()).isEqualTo(98_765.4);
        assertThat(replay.ratio()).isEqualTo(0.125);
        assertThat(replay.p50()).isNull();
        assertThat(replay.p99()).isNull();
        assertThatThrownBy(() -> WorkloadResult.rate("replay", "events/s", 10, 0)).isInstanceOf(BenchFailure.class);
    }

    @Test
    void aLatencyIsItsP99AgainstTheBaselinesSoTheRatioSaysHowManyTimesSlower() {
        Latencies path = new Latencies(LongStream.rangeClosed(1, 100).map(i -> i * 2_000_000).toArray());

        WorkloadResult latency = WorkloadResult.latency("end-to-end-latency", path.percentileMillis(99), 49.5, path);

        assertThat(latency.value()).isEqualTo(198.0);
        assertThat(latency.unit()).isEqualTo("ms");
        assertThat(latency.ratio()).isEqualTo(4.0);
        assertThat(latency.p50()).isEqualTo(100.0);
        assertThat(Goal.p99Below(300).metBy(latency)).isTrue();
        assertThatThrownBy(() -> WorkloadResult.latency("end-to-end-latency", 10, 0, path)).isInstanceOf(BenchFailure.class);
    }
}
