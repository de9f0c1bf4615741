package io.incidents.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code target/bench/latencies.svg}: each workload's latency distribution (its measured side) as
 * a percentile curve, latency on a log scale against the percentile on a log scale of
 * 1/(1-p), so the tail (99 %, 99.9 %) gets as much room as the median. A plain SVG, readable in
 * a browser and on GitHub.
 */
final class LatencyPlot {

    /** The percentiles drawn, each point the nearest-rank latency: from 1 % (below it, a few zeros would pull the scale down) to 99.9 %. */
    static final double[] PERCENTILES = {1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9};
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 460;
    private static final int LEFT = 70;
    private static final int RIGHT = 330;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private LatencyPlot() {
    }

    static void write(List<WorkloadResult> results, String title, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg(results, title));
    }

    static String svg(List<WorkloadResult> results, String title) {
        List<WorkloadResult> plotted = results.stream().filter(result -> result.distribution() != null).toList();
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (WorkloadResult result : plotted) {
            lowest = Math.min(lowest, result.distribution().percentileMillis(PERCENTILES[0]));
            highest = Math.max(highest, result.distribution().percentileMillis(PERCENTILES[PERCENTILES.length - 1]));
        }
        // A latency of 0 (an incident seen before its 202 reached the bench) is drawn at the bottom.
        int fromDecade = plotted.isEmpty() ? 0 : (int) Math.floor(Math.log10(Math.max(lowest, 0.1)));
        int toDecade = plotted.isEmpty() ? 3 : Math.max(fromDecade + 1, (int) Math.ceil(Math.log10(Math.max(highest, 0.01))));
        Scale scale = new Scale(fromDecade, toDecade);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        for (int decade = fromDecade; decade <= toDecade; decade++) {
            double y = scale.y(Math.pow(10, decade));
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#dddddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT - 6,
                    y + 4, millis(Math.pow(10, decade))));
        }
        for (double percentile : new double[] {1, 50, 90, 99, 99.9}) {
            double x = scale.x(percentile);
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#dddddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    HEIGHT - BOTTOM + 16, trim(percentile) + " %"));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12));
        for (int i = 0; i < plotted.size(); i++) {
            WorkloadResult result = plotted.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double percentile : PERCENTILES) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", scale.x(percentile),
                        scale.y(result.distribution().percentileMillis(percentile))));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour, points.toString().trim()));
            int legendY = TOP + 10 + i * 20;
            svg.append(line(WIDTH - RIGHT + 15, legendY - 4, WIDTH - RIGHT + 35, legendY - 4, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s (p99 %s ms)</text>%n", WIDTH - RIGHT + 40,
                    legendY, escape(result.name()), millis(result.distribution().percentileMillis(99))));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Where a percentile and a latency go: both on log scales. */
    private record Scale(int fromDecade, int toDecade) {

        double x(double percentile) {
            double tail = Math.log10(1 / (1 - percentile / 100));
            return LEFT + tail / 3 * (WIDTH - LEFT - RIGHT);
        }

        double y(double millis) {
            double decades = Math.log10(Math.max(millis, Math.pow(10, fromDecade))) - fromDecade;
            return HEIGHT - BOTTOM - decades / (toDecade - fromDecade) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, colour);
    }

    private static String millis(double value) {
        return value >= 10 ? String.format(Locale.ROOT, "%,.0f", value) : trim(value);
    }

    private static String trim(double value) {
        return String.format(Locale.ROOT, "%s", value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
