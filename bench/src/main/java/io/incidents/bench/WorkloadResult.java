package io.incidents.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code results.json} (SPEC section 9): the figure, its baseline from the same run,
 * their ratio, and latencies in milliseconds; null where a field does not apply.
 */
@JsonPropertyOrder({"name", "value", "unit", "baseline", "ratio", "p50", "p99"})
record WorkloadResult(String name, double value, String unit, Double baseline, Double ratio, Double p50, Double p99) {

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
                round(latencies.percentileMillis(99), 2));
    }

    /** A rate against its baseline, where single latencies mean nothing (a replay, a read of a topic). */
    static WorkloadResult rate(String name, String unit, double perSecond, double baselinePerSecond) {
        if (baselinePerSecond <= 0) {
            throw new BenchFailure(name + ": the baseline did nothing, so there is nothing to compare with");
        }
        return new WorkloadResult(name, round(perSecond, 1), unit, round(baselinePerSecond, 1),
                round(perSecond / baselinePerSecond, 3), null, null);
    }

    /** One figure with nothing to compare it with in the same run (a start-up time, a memory size). */
    static WorkloadResult single(String name, double value, String unit) {
        return new WorkloadResult(name, round(value, 1), unit, null, null, null, null);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
