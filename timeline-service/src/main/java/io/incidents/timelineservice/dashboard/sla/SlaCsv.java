package io.incidents.timelineservice.dashboard.sla;

import io.incidents.timelineservice.sla.SlaReport.Adherence;
import io.incidents.timelineservice.sla.SlaReport.Group;

import java.util.List;
import java.util.Locale;

/** The page's per-severity table as CSV: one row per severity, numbers plain, durations in seconds. */
final class SlaCsv {

    static final String HEADER = "period_from,period_to,service,view,severity,incidents,"
            + "ack_judged,ack_met,ack_percent,resolve_judged,resolve_met,resolve_percent,"
            + "tta_p50_seconds,tta_p90_seconds,ttr_p50_seconds,ttr_p90_seconds,"
            + "previous_incidents,previous_ack_percent,previous_resolve_percent";

    private SlaCsv() {
    }

    static String of(SlaFigures figures) {
        List<Group> previous = figures.previousGroups();
        SlaQuery query = figures.query();
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < figures.groups().size(); i++) {
            Group group = figures.groups().get(i);
            Group before = previous.get(i);
            csv.append(String.join(",", List.of(query.from().toString(), query.to().toString(),
                    cell(query.service() == null ? "all" : query.service()), query.view().param(), group.key(),
                    String.valueOf(group.count()),
                    adherence(group.acknowledge()), adherence(group.resolve()),
                    number(group.tta().p50Seconds()), number(group.tta().p90Seconds()),
                    number(group.ttr().p50Seconds()), number(group.ttr().p90Seconds()),
                    String.valueOf(before.count()), percent(before.acknowledge().percent()),
                    percent(before.resolve().percent())))).append("\r\n");
        }
        return csv.toString();
    }

    private static String adherence(Adherence adherence) {
        return adherence.judged() + "," + adherence.met() + "," + percent(adherence.percent());
    }

    private static String percent(Double percent) {
        return percent == null ? "" : String.format(Locale.ROOT, "%.2f", percent);
    }

    private static String number(Long value) {
        return value == null ? "" : String.valueOf(value);
    }

    /**
     * A text cell, quoted; one a spreadsheet would read as a formula (=, +, -, @ first) is
     * prefixed with an apostrophe, since service names come from alerts.
     */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
