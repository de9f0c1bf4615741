package io.incidents.timelineservice.dashboard.sla;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a value range onto a coordinate range, as a chart's axis does: {@code map(domainMin)} is
 * {@code rangeMin}, {@code map(domainMax)} is {@code rangeMax}. SVG's y grows downwards, so a
 * vertical axis passes its bottom as {@code rangeMin} and its top as {@code rangeMax}.
 */
record LinearScale(double domainMin, double domainMax, double rangeMin, double rangeMax) {

    LinearScale {
        if (!(domainMax > domainMin)) {
            throw new IllegalArgumentException("an empty domain: " + domainMin + ".." + domainMax);
        }
    }

    /** The coordinate of {@code value}, rounded to a tenth (enough for a pixel, short in the markup). */
    double map(double value) {
        return round(rangeMin + (value - domainMin) * (rangeMax - rangeMin) / (domainMax - domainMin));
    }

    /** {@code count} evenly spaced values from {@code domainMin} to {@code domainMax}, both included. */
    List<Double> ticks(int count) {
        List<Double> ticks = new ArrayList<>();
        double step = (domainMax - domainMin) / count;
        for (int i = 0; i <= count; i++) {
            ticks.add(domainMin + step * i);
        }
        return ticks;
    }

    /**
     * The smallest "round" axis end at or above {@code max} that divides into {@code steps}
     * equal steps of 1, 2, 2.5, 3, 4 or 5 times a power of ten: 37 over 4 steps gives 40 (steps of 10).
     * A {@code whole} axis (counts) only gets whole steps. Nothing to show (0 or less) gives
     * {@code steps}, so the axis still reads 0, 1, 2, ...
     */
    static double niceMax(double max, int steps, boolean whole) {
        if (!(max > 0)) {
            return steps;
        }
        double rough = whole ? Math.max(1, max / steps) : max / steps;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[]{1, 2, 2.5, 3, 4, 5, 10}) {
            double step = factor * magnitude;
            if (whole && step != Math.rint(step)) {
                continue;
            }
            if (step * steps >= max * (1 - 1e-12)) {
                return step * steps;
            }
        }
        throw new IllegalStateException("no step for " + max);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
