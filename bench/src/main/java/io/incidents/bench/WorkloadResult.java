package io.incidents.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code results.json} (SPEC section 9): the figure, its baseline from the same run,
 * their ratio, and latencies in milliseconds; null where a field does not apply.
 *
 * @param distribution every latency of the measured side, for the plot ({@link LatencyPlot}); not
 *                     in the file, null where there are none
 */
@JsonPropertyOrder({"name", "value", "unit", "baseline", "ratio", "p50", "p99"})
record WorkloadResult(String name, double value, String unit, Double baseline, Double ratio, Double p50, Double p99,
                      @JsonIgnore Latencies distribution) {

    /** A throughput against its baseline, with the latencies of the measured side (not the baseline's). */
    static WorkloadResult throughput(String name, double perSecond, double baselinePerSecond, Latencies latencies) {
        return throughput(name, "requests/s", perSecond, baselinePerSecond, latencies);
    }

    /** As above, for a workload that counts something other than single requests (boards, commands). */
    static WorkloadResult throughput(String name, String unit, double perSecond, double baselinePerSecond, Latencies latencies) {
        if (baselinePerSecond <= 0) {
            throw new BenchFailure(name + ": the baseline completed no request, so there is nothing to compare with");
        }
        return new WorkloadResult(name, round(perSecond, 1), unit, round(baselinePerSecond, 1),
                round(perSecond / baselinePerSecond, 3), round(latencies.percentileMillis(50), 2),
                round(latencies.percentileMillis(99), 2), latencies);
    }

    /** A rate against its baseline, where single latencies mean nothing (a replay, a read of a topic). */
    static WorkloadResult rate(String name, String unit, double perSecond, double baselinePerSecond) {
        if (baselinePerSecond <= 0) {
            throw new BenchFailure(name + ": the baseline did nothing, so there is nothing to compare with");
        }
        return new WorkloadResult(name, round(perSecond, 1), unit, round(baselinePerSecond, 1),
                round(perSecond / baselinePerSecond, 3), null, null, null);
    }

    /**
     * A latency against its baseline's: the figure is the p99 in ms (unit "ms"), so the ratio (value /
     * baseline) says how many times slower than the baseline the path is.
     */
    static WorkloadResult latency(String name, double p99Millis, double baselineP99Millis, Latencies latencies) {
        if (baselineP99Millis <= 0) {
            throw new BenchFailure(name + ": the baseline's latency is 0, so there is nothing to compare with");
        }
        return new WorkloadResult(name, round(p99Millis, 1), "ms", round(baselineP99Millis, 1),
                round(p99Millis / baselineP99Millis, 3), round(latencies.percentileMillis(50), 2),
                round(latencies.percentileMillis(99), 2), latencies);
    }

    /** One figure with nothing to compare it with in the same run (a start-up time, a memory size). */
    static WorkloadResult single(String name, double value, String unit) {
        return new WorkloadResult(name, round(value, 1), unit, null, null, null, null, null);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
