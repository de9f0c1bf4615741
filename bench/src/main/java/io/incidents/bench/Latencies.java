package io.incidents.bench;

import java.util.Arrays;

/** Response times of one side of a workload, for percentiles. */
final class Latencies {

    private final long[] sortedNanos;

    Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latencies recorded");
        }
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    /**
     * The nearest-rank percentile in milliseconds: a time some request really took (no
     * interpolation between two), and at least {@code percent}% of requests took no longer.
     */
    double percentileMillis(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sortedNanos.length);
        return sortedNanos[rank - 1] / 1_000_000.0;
    }
}
