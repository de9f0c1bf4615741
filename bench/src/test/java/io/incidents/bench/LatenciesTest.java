package io.incidents.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreTimesSomeRequestReallyTookWhateverTheOrderRecorded() {
        // 1..100 ms, recorded backwards: p50 is the 50th fastest, p99 the 99th.
        Latencies latencies = new Latencies(LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray());

        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void oneSlowRequestInAHundredIsAboveP99ButOneInFiftyIsNot() {
        long[] oneSlow = LongStream.range(0, 100).map(i -> i == 0 ? 900 * MS : 2 * MS).toArray();
        long[] twoSlow = LongStream.range(0, 100).map(i -> i < 2 ? 900 * MS : 2 * MS).toArray();

        assertThat(new Latencies(oneSlow).percentileMillis(99)).isEqualTo(2.0);
        assertThat(new Latencies(twoSlow).percentileMillis(99)).isEqualTo(900.0);
    }

    @Test
    void keepsFractionsOfAMillisecond() {
        assertThat(new Latencies(new long[] {1_250_000}).percentileMillis(50)).isEqualTo(1.25);
    }

    @Test
    void refusesToInventAFigureWithoutRequests() {
        assertThatThrownBy(() -> new Latencies(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
