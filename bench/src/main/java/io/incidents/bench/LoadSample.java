package io.incidents.bench;

import java.util.Arrays;

/**
 * What one side of a workload did: how many requests completed in how much time, and how long
 * each took. Samples of successive rounds add up to the side's total.
 */
final class LoadSample {

    static final LoadSample NONE = new LoadSample(0, new long[0]);

    private final long elapsedNanos;
    private final long[] latencyNanos;

    LoadSample(long elapsedNanos, long[] latencyNanos) {
        this.elapsedNanos = elapsedNanos;
        this.latencyNanos = latencyNanos;
    }

    /** The rounds ran one after the other: their times add up, and so do their requests. */
    LoadSample plus(LoadSample later) {
        long[] all = Arrays.copyOf(latencyNanos, latencyNanos.length + later.latencyNanos.length);
        System.arraycopy(later.latencyNanos, 0, all, latencyNanos.length, later.latencyNanos.length);
        return new LoadSample(elapsedNanos + later.elapsedNanos, all);
    }

    /**
     * The same requests over a longer time: work the round caused that was still going on after
     * its last answer (dashboards catching up) belongs to its time.
     */
    LoadSample lastingLonger(long extraNanos) {
        return new LoadSample(elapsedNanos + extraNanos, latencyNanos);
    }

    long elapsedNanos() {
        return elapsedNanos;
    }

    long requests() {
        return latencyNanos.length;
    }

    double perSecond() {
        return elapsedNanos == 0 ? 0 : requests() * 1e9 / elapsedNanos;
    }

    Latencies latencies() {
        return new Latencies(latencyNanos);
    }
}
