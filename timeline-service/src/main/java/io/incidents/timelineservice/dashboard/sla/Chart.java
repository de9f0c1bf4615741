package io.incidents.timelineservice.dashboard.sla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * One chart as the server draws it: every mark already in SVG coordinates (the template only
 * places them), with its data as a table for those who cannot see the picture. The builders
 * draw lines over categories (weeks), bars stacked per category, or horizontal bars per row.
 *
 * @param ticksX  labels along the bottom; those with {@code grid} also draw a vertical grid line
 * @param ticksY  labels along the left side; those with {@code grid} also draw a horizontal one
 */
public record Chart(String id, String title, String description, int width, int height, Frame frame,
                    String labelX, String labelY, List<Tick> ticksX, List<Tick> ticksY,
                    List<Line> lines, List<Bar> bars, List<Label> labels, List<Key> legend, DataTable table) {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    private static final double LEFT = 56;
    private static final double RIGHT = WIDTH - 16;
    private static final double TOP = 14;
    private static final double BOTTOM = HEIGHT - 48;
    /** More category labels than this along the bottom would overlap: only every n-th is written. */
    private static final int MAX_LABELS_X = 13;
    private static final int STEPS_Y = 4;

    public Chart {
        lines = List.copyOf(lines);
        bars = List.copyOf(bars);
        labels = List.copyOf(labels);
        legend = List.copyOf(legend);
        ticksX = List.copyOf(ticksX);
        ticksY = List.copyOf(ticksY);
    }

    /** The plot area inside the axes. */
    public record Frame(double left, double top, double right, double bottom) {
    }

    public record Tick(double at, String text, boolean grid) {
    }

    /**
     * One series as a line: a polyline per run of values without a gap (a week with nothing to
     * judge breaks the line rather than pretending to be 0), and a marker per value.
     */
    public record Line(String cssClass, String name, List<String> segments, List<Point> points) {
    }

    public record Point(double x, double y, String tip) {
    }

    public record Bar(double x, double y, double width, double height, String cssClass, String tip) {
    }

    /** A text written on the chart; {@code anchor} is SVG's text-anchor (start, middle, end). */
    public record Label(double x, double y, String text, String anchor) {
    }

    /** A legend entry: the series' class ({@code s-sev1}, {@code s-a}) and its name in words. */
    public record Key(String cssClass, String name, boolean line) {

        /** The HTML swatch's class: {@code sev1} for {@code s-sev1}. */
        public String swatchClass() {
            return cssClass.startsWith("s-") ? cssClass.substring(2) : cssClass;
        }
    }

    /**
     * The data behind a chart, as the table under it shows it.
     *
     * @param rows each row's first cell names the category (a week, a service)
     */
    public record DataTable(String caption, List<String> header, List<List<String>> rows) {

        public DataTable {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * The values of one series, one per category; {@code null} where there is none. {@code texts}
     * say each value for people (tooltips and the table), e.g. "75.0 % (3 of 4)".
     */
    public record Series(String name, String cssClass, List<Double> values, List<String> texts) {

        public Series {
            Objects.requireNonNull(name, "name");
            values = Collections.unmodifiableList(new ArrayList<>(values));
            texts = List.copyOf(texts);
            if (values.size() != texts.size()) {
                throw new IllegalArgumentException("a text for every value");
            }
        }

        Double value(int i) {
            return values.get(i);
        }
    }

    /** The value axis: its title, a fixed end or {@code null} for a round one above the data, and its tick format. */
    public record Axis(String label, Double max, boolean whole, DoubleFunction<String> tickText) {
    }

    /** A line per series over the categories, points at the middle of each category's band. */
    static Chart lines(String id, String title, String description, String categoryLabel, List<String> categories,
                       List<Series> series, Axis axis) {
        Frame frame = new Frame(LEFT, TOP, RIGHT, BOTTOM);
        double band = (RIGHT - LEFT) / Math.max(1, categories.size());
        LinearScale y = new LinearScale(0, axisMax(axis, series, false), BOTTOM, TOP);
        List<Line> lines = new ArrayList<>();
        for (Series s : series) {
            List<String> segments = new ArrayList<>();
            List<Point> points = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < categories.size(); i++) {
                Double value = s.value(i);
                if (value == null) {
                    addRun(segments, run);
                    continue;
                }
                double px = LinearScale.round(LEFT + band * (i + 0.5));
                double py = y.map(value);
                run.append(run.isEmpty() ? "" : " ").append(coordinate(px)).append(',').append(coordinate(py));
                points.add(new Point(px, py, s.name() + ", " + categories.get(i) + ": " + s.texts().get(i)));
            }
            addRun(segments, run);
            lines.add(new Line(s.cssClass(), s.name(), segments, points));
        }
        return new Chart(id, title, description, WIDTH, HEIGHT, frame, categoryLabel, axis.label(),
                categoryTicks(categories, band), valueTicks(y, axis), lines, List.of(), List.of(),
                series.stream().map(s -> new Key(s.cssClass(), s.name(), true)).toList(),
                table(title, categoryLabel, categories, series, false));
    }

    /** Bars per category, the series stacked in order from the axis up, each bar's total on top. */
    static Chart stackedBars(String id, String title, String description, String categoryLabel, List<String> categories,
                             List<Series> series, Axis axis) {
        Frame frame = new Frame(LEFT, TOP, RIGHT, BOTTOM);
        double band = (RIGHT - LEFT) / Math.max(1, categories.size());
        double barWidth = LinearScale.round(band * 0.7);
        List<Double> totals = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            double total = 0;
            for (Series s : series) {
                total += s.value(i) == null ? 0 : s.value(i);
            }
            totals.add(total);
        }
        double max = totals.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        LinearScale y = new LinearScale(0, axis.max() != null ? axis.max() : LinearScale.niceMax(max, STEPS_Y, axis.whole()),
                BOTTOM, TOP);
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            double x = LinearScale.round(LEFT + band * i + (band - barWidth) / 2);
            double base = 0;
            for (Series s : series) {
                Double value = s.value(i);
                if (value == null || value <= 0) {
                    continue;
                }
                double top = y.map(base + value);
                bars.add(new Bar(x, top, barWidth, LinearScale.round(y.map(base) - top), s.cssClass(),
                        s.name() + ", " + categories.get(i) + ": " + s.texts().get(i)));
                base += value;
            }
            if (totals.get(i) > 0) {
                labels.add(new Label(LinearScale.round(x + barWidth / 2), LinearScale.round(y.map(base) - 4),
                        axis.tickText().apply(totals.get(i)), "middle"));
            }
        }
        return new Chart(id, title, description, WIDTH, HEIGHT, frame, categoryLabel, axis.label(),
                categoryTicks(categories, band), valueTicks(y, axis), List.of(), bars, labels,
                series.stream().map(s -> new Key(s.cssClass(), s.name(), false)).toList(),
                table(title, categoryLabel, categories, series, true));
    }

    /**
     * A row per category with one horizontal bar per series, the value written at the bar's end
     * ("none judged" where there is no value), for long category names such as services.
     */
    static Chart horizontalBars(String id, String title, String description, String categoryLabel, List<String> categories,
                                List<Series> series, Axis axis) {
        double left = 150;
        double right = WIDTH - 100;
        double barHeight = 12;
        double rowHeight = series.size() * (barHeight + 3) + 12;
        double bottom = TOP + rowHeight * Math.max(1, categories.size());
        int height = (int) Math.ceil(bottom + 40);
        LinearScale x = new LinearScale(0, axisMax(axis, series, false), left, right);
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Tick> rows = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            double rowTop = TOP + rowHeight * i + 6;
            rows.add(new Tick(LinearScale.round(TOP + rowHeight * (i + 0.5)), shorten(categories.get(i), 22), false));
            for (int k = 0; k < series.size(); k++) {
                Series s = series.get(k);
                double barTop = LinearScale.round(rowTop + k * (barHeight + 3));
                double textY = LinearScale.round(barTop + barHeight - 2);
                Double value = s.value(i);
                if (value == null) {
                    labels.add(new Label(left + 4, textY, s.name() + ": " + s.texts().get(i), "start"));
                    continue;
                }
                double end = x.map(value);
                bars.add(new Bar(left, barTop, LinearScale.round(end - left), barHeight, s.cssClass(),
                        categories.get(i) + ", " + s.name() + ": " + s.texts().get(i)));
                labels.add(new Label(LinearScale.round(end + 4), textY, s.name() + " " + axis.tickText().apply(value), "start"));
            }
        }
        List<Tick> valueTicks = new ArrayList<>();
        for (double value : x.ticks(STEPS_Y)) {
            valueTicks.add(new Tick(x.map(value), axis.tickText().apply(value), true));
        }
        return new Chart(id, title, description, WIDTH, height, new Frame(left, TOP, right, bottom), axis.label(),
                categoryLabel, valueTicks, rows, List.of(), bars, labels,
                series.stream().map(s -> new Key(s.cssClass(), s.name(), false)).toList(),
                table(title, categoryLabel, categories, series, false));
    }

    public boolean empty() {
        return lines.stream().allMatch(line -> line.points().isEmpty()) && bars.isEmpty();
    }

    private static double axisMax(Axis axis, List<Series> series, boolean whole) {
        if (axis.max() != null) {
            return axis.max();
        }
        double max = series.stream().flatMap(s -> s.values().stream()).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        return LinearScale.niceMax(max, STEPS_Y, axis.whole() || whole);
    }

    private static List<Tick> categoryTicks(List<String> categories, double band) {
        int every = (categories.size() + MAX_LABELS_X - 1) / MAX_LABELS_X;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < categories.size(); i += Math.max(1, every)) {
            ticks.add(new Tick(LinearScale.round(LEFT + band * (i + 0.5)), categories.get(i), false));
        }
        return ticks;
    }

    private static List<Tick> valueTicks(LinearScale y, Axis axis) {
        return y.ticks(STEPS_Y).stream().map(value -> new Tick(y.map(value), axis.tickText().apply(value), true)).toList();
    }

    private static DataTable table(String title, String categoryLabel, List<String> categories, List<Series> series,
                                   boolean total) {
        List<String> header = new ArrayList<>();
        header.add(categoryLabel);
        series.forEach(s -> header.add(s.name()));
        if (total) {
            header.add("Total");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(categories.get(i));
            double sum = 0;
            for (Series s : series) {
                row.add(s.texts().get(i));
                sum += s.value(i) == null ? 0 : s.value(i);
            }
            if (total) {
                row.add(String.format(Locale.ROOT, "%.0f", sum));
            }
            rows.add(row);
        }
        return new DataTable(title, header, rows);
    }

    private static void addRun(List<String> segments, StringBuilder run) {
        if (!run.isEmpty()) {
            segments.add(run.toString());
            run.setLength(0);
        }
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
