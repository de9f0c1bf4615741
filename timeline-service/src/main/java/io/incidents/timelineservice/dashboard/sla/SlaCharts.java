package io.incidents.timelineservice.dashboard.sla;

import io.incidents.events.Severity;
import io.incidents.timelineservice.sla.SlaReport.Adherence;
import io.incidents.timelineservice.sla.SlaReport.DurationStats;
import io.incidents.timelineservice.sla.SlaReport.Group;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The SLA page's charts, drawn from its figures. */
final class SlaCharts {

    /** The service chart draws the services with the most incidents; its table lists them all. */
    static final int MAX_SERVICES_DRAWN = 12;
    /** Times up to this many seconds are drawn in minutes, longer ones in hours. */
    private static final long MINUTES_UP_TO = 3 * 3600;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yy", Locale.ENGLISH);
    private static final Chart.Axis PERCENT = new Chart.Axis("% met", 100.0, false,
            value -> Format.plain(Math.round(value * 10) / 10.0) + " %");

    private SlaCharts() {
    }

    /** In page order: adherence (acknowledge, resolve), per service, median times (TTA, TTR), volume. */
    static List<Chart> of(SlaFigures figures) {
        String scope = figures.query().periodText() + ", by " + figures.query().view().text()
                + (figures.query().service() == null ? "" : ", service " + figures.query().service());
        List<String> weeks = weekLabels(figures.weeks());
        return List.of(
                Chart.lines("chart-adherence-ack", "Acknowledged within target, per week",
                        "Share of judged incidents acknowledged within their target, per week and severity; " + scope + ".",
                        "Week from", weeks, perSeverity(figures, Group::acknowledge), PERCENT),
                Chart.lines("chart-adherence-resolve", "Resolved within target, per week",
                        "Share of judged incidents resolved within their target, per week and severity; " + scope + ".",
                        "Week from", weeks, perSeverity(figures, Group::resolve), PERCENT),
                services(figures, scope),
                times("chart-trend-tta", "Median time to acknowledge (MTTA p50), per week",
                        "Median time from detection to first acknowledgement, per week and severity; " + scope + ".",
                        weeks, figures, Group::tta),
                times("chart-trend-ttr", "Median time to resolve (MTTR p50), per week",
                        "Median time from detection to final resolution, per week and severity; " + scope + ".",
                        weeks, figures, Group::ttr),
                volume(figures, weeks, scope));
    }

    private static List<Chart.Series> perSeverity(SlaFigures figures, Function<Group, Adherence> clock) {
        List<Chart.Series> series = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            List<Double> values = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (List<Group> week : figures.weekly()) {
                Adherence adherence = clock.apply(week.get(severity.ordinal()));
                values.add(adherence.percent());
                texts.add(Format.adherence(adherence));
            }
            series.add(new Chart.Series(severity.name(), cssClass(severity), values, texts));
        }
        return series;
    }

    private static Chart services(SlaFigures figures, String scope) {
        List<Group> drawn = figures.services().stream()
                .sorted(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::key))
                .limit(MAX_SERVICES_DRAWN).toList();
        List<String> names = drawn.stream().map(Group::key).toList();
        List<Chart.Series> series = List.of(
                new Chart.Series("acknowledge", "s-a", drawn.stream().map(g -> g.acknowledge().percent()).toList(),
                        drawn.stream().map(g -> Format.adherence(g.acknowledge())).toList()),
                new Chart.Series("resolve", "s-b", drawn.stream().map(g -> g.resolve().percent()).toList(),
                        drawn.stream().map(g -> Format.adherence(g.resolve())).toList()));
        String which = figures.services().size() > MAX_SERVICES_DRAWN
                ? " (the " + MAX_SERVICES_DRAWN + " services with the most incidents of " + figures.services().size() + ")" : "";
        return Chart.horizontalBars("chart-services", "Adherence per service",
                "Share of judged incidents acknowledged and resolved within target, per service" + which + "; " + scope + ".",
                "Service", names, series, PERCENT);
    }

    private static Chart times(String id, String title, String description, List<String> weeks, SlaFigures figures,
                               Function<Group, DurationStats> stats) {
        long longest = figures.weekly().stream().flatMap(List::stream).map(g -> stats.apply(g).p50Seconds())
                .filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
        boolean hours = longest > MINUTES_UP_TO;
        double unit = hours ? 3600 : 60;
        List<Chart.Series> series = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            List<Double> values = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (List<Group> week : figures.weekly()) {
                DurationStats median = stats.apply(week.get(severity.ordinal()));
                values.add(median.p50Seconds() == null ? null : median.p50Seconds() / unit);
                texts.add(median.p50Seconds() == null ? "none" : Format.seconds(median.p50Seconds()) + " (of " + median.count() + ")");
            }
            series.add(new Chart.Series(severity.name(), cssClass(severity), values, texts));
        }
        return Chart.lines(id, title, description, "Week from", weeks, series,
                new Chart.Axis(hours ? "hours" : "minutes", null, false, Format::plain));
    }

    private static Chart volume(SlaFigures figures, List<String> weeks, String scope) {
        List<Chart.Series> series = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            List<Double> values = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (List<Group> week : figures.weekly()) {
                int count = week.get(severity.ordinal()).count();
                values.add((double) count);
                texts.add(String.valueOf(count));
            }
            series.add(new Chart.Series(severity.name(), cssClass(severity), values, texts));
        }
        return Chart.stackedBars("chart-volume", "Incidents declared, per week",
                "Incidents declared per week, stacked by severity; " + scope + ".",
                "Week from", weeks, series, new Chart.Axis("incidents", null, true, Format::plain));
    }

    /** "3 Mar"; "3 Mar 25" when the weeks span two years. */
    static List<String> weekLabels(List<Week> weeks) {
        boolean years = weeks.stream().map(week -> week.firstDay().getYear()).distinct().count() > 1;
        return weeks.stream().map(week -> (years ? DAY_YEAR : DAY).format(week.firstDay())).toList();
    }

    static String cssClass(Severity severity) {
        return "s-" + severity.name().toLowerCase(Locale.ROOT);
    }
}
