package io.incidents.timelineservice.dashboard.sla;

import io.incidents.events.Severity;
import io.incidents.timelineservice.sla.GroupBy;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaReport;
import io.incidents.timelineservice.sla.SlaReport.Breach;
import io.incidents.timelineservice.sla.SlaReport.Group;
import io.incidents.timelineservice.sla.SlaReportBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything the SLA page shows, from incidents each judged once by the SLA engine: the period's
 * figures per severity against the previous period's, the same per week and per service, and the
 * breaches. Grouping and statistics are {@link SlaReportBuilder}'s, so the page says what
 * {@code /api/v1/sla} says.
 */
public final class SlaFigures {

    /** The breach list shows this many, newest first; the API has them all. */
    static final int MAX_BREACHES = 200;

    /**
     * One figure of a card.
     *
     * @param delta    the change against the previous period, empty when there is nothing to compare
     * @param trend    better, worse, same, or none (no comparison, or a change that is neither)
     * @param previous the previous period's figure, in words
     */
    public record Figure(String value, String detail, String delta, String trend, String previous) {
    }

    public record Card(Severity severity, Figure count, Figure acknowledge, Figure resolve, Figure ttaP50,
                       Figure ttaP90, Figure ttrP50, Figure ttrP90) {
    }

    /** A breached clock, and by how much: a running clock is late by the time since its deadline, still growing. */
    public record BreachRow(String incidentId, String title, Severity severity, List<String> services, String clock,
                            Instant deadline, Instant stoppedAt, String by) {

        public String link() {
            return "/incidents/" + incidentId;
        }

        public boolean stillRunning() {
            return stoppedAt == null;
        }
    }

    private final SlaQuery query;
    private final List<IncidentSla> current;
    private final List<Group> groups;
    private final List<Group> previousGroups;
    private final List<Week> weeks;
    private final List<List<Group>> weekly;
    private final List<Group> services;
    private final List<BreachRow> breaches;
    private final int breachCount;
    private final List<String> serviceNames;
    private final int previousCount;

    private SlaFigures(SlaQuery query, List<IncidentSla> current, List<Group> groups, List<Group> previousGroups,
                       List<Week> weeks, List<List<Group>> weekly, List<Group> services, List<BreachRow> breaches,
                       int breachCount, List<String> serviceNames, int previousCount) {
        this.query = query;
        this.current = current;
        this.groups = groups;
        this.previousGroups = previousGroups;
        this.weeks = weeks;
        this.weekly = weekly;
        this.services = services;
        this.breaches = breaches;
        this.breachCount = breachCount;
        this.serviceNames = serviceNames;
        this.previousCount = previousCount;
    }

    /**
     * @param evaluated the incidents declared in [{@code query.previousFrom()}, {@code query.to()}),
     *                  judged at {@code now}: this period's and the previous one's
     */
    static SlaFigures of(List<IncidentSla> evaluated, SlaQuery query, Instant now) {
        List<IncidentSla> current = new ArrayList<>();
        List<IncidentSla> previous = new ArrayList<>();
        Set<String> serviceNames = new TreeSet<>();
        for (IncidentSla incident : evaluated) {
            serviceNames.addAll(incident.services());
            if (query.service() != null && !incident.services().contains(query.service())) {
                continue;
            }
            Instant at = incident.declaredAt();
            if (!at.isBefore(query.from()) && at.isBefore(query.to())) {
                current.add(incident);
            } else if (!at.isBefore(query.previousFrom()) && at.isBefore(query.from())) {
                previous.add(incident);
            }
        }
        if (query.service() != null) {
            serviceNames.add(query.service());
        }

        SlaReport report = SlaReportBuilder.build(current, GroupBy.SEVERITY, query.from(), query.to());
        SlaReport before = SlaReportBuilder.build(previous, GroupBy.SEVERITY, query.previousFrom(), query.from());

        // Each incident lands in one week; a week's figures come from its own incidents only.
        List<Week> weeks = Week.covering(query.from(), query.to());
        List<List<IncidentSla>> perWeek = new ArrayList<>();
        weeks.forEach(week -> perWeek.add(new ArrayList<>()));
        for (IncidentSla incident : current) {
            int index = Week.indexOf(weeks, incident.declaredAt());
            if (index >= 0) {
                perWeek.get(index).add(incident);
            }
        }
        List<List<Group>> weekly = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            weekly.add(inView(SlaReportBuilder.build(perWeek.get(i), GroupBy.SEVERITY, weeks.get(i).start(),
                    weeks.get(i).end()), query.view()));
        }

        List<Group> services = SlaReportBuilder.build(current, GroupBy.SERVICE, query.from(), query.to()).groups();
        List<Group> groups = inView(report, query.view());
        List<BreachRow> breaches = breaches(groups, current, now);
        return new SlaFigures(query, List.copyOf(current), groups, inView(before, query.view()), weeks, weekly, services,
                breaches.stream().limit(MAX_BREACHES).toList(), breaches.size(), List.copyOf(serviceNames),
                previous.size());
    }

    static List<Group> inView(SlaReport report, SlaQuery.View view) {
        return view == SlaQuery.View.HIGHEST ? report.byHighestSeverity() : report.groups();
    }

    /** Newest deadline first: the latest trouble at the top. */
    private static List<BreachRow> breaches(List<Group> groups, List<IncidentSla> incidents, Instant now) {
        Map<String, IncidentSla> byId = new HashMap<>();
        incidents.forEach(incident -> byId.put(incident.incidentId(), incident));
        List<BreachRow> rows = new ArrayList<>();
        for (Group group : groups) {
            for (Breach breach : group.breaches()) {
                Instant stopped = breach.stoppedAt();
                Duration late = Duration.between(breach.deadline(), stopped == null ? now : stopped);
                String by = Format.seconds(late.getSeconds()) + (stopped == null ? " and counting" : "");
                IncidentSla incident = byId.get(breach.incidentId());
                rows.add(new BreachRow(breach.incidentId(), breach.title(), breach.severity(),
                        incident == null ? List.of() : incident.services(), breach.clock(), breach.deadline(), stopped, by));
            }
        }
        rows.sort(Comparator.comparing(BreachRow::deadline).reversed().thenComparing(BreachRow::incidentId)
                .thenComparing(BreachRow::clock));
        return rows;
    }

    public List<Card> cards() {
        List<Card> cards = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            cards.add(card(Severity.valueOf(groups.get(i).key()), groups.get(i), previousGroups.get(i)));
        }
        return cards;
    }

    private static Card card(Severity severity, Group now, Group before) {
        Figure count = new Figure(String.valueOf(now.count()), now.count() == 1 ? "incident" : "incidents",
                Format.countChange(now.count(), before.count()), "none", "previous period: " + before.count());
        return new Card(severity, count,
                adherence(now.acknowledge(), before.acknowledge()), adherence(now.resolve(), before.resolve()),
                time(now.tta().p50Seconds(), before.tta().p50Seconds(), "p50"),
                time(now.tta().p90Seconds(), before.tta().p90Seconds(), "p90"),
                time(now.ttr().p50Seconds(), before.ttr().p50Seconds(), "p50"),
                time(now.ttr().p90Seconds(), before.ttr().p90Seconds(), "p90"));
    }

    private static Figure adherence(SlaReport.Adherence now, SlaReport.Adherence before) {
        return new Figure(Format.percent(now.percent()), Format.metOfJudged(now), Format.points(now.percent(), before.percent()),
                Format.trend(now.percent(), before.percent(), true), "previous period: " + Format.adherence(before));
    }

    private static Figure time(Long now, Long before, String which) {
        return new Figure(Format.seconds(now), which, Format.secondsChange(now, before), Format.trend(now, before, false),
                "previous period: " + Format.seconds(before));
    }

    public SlaQuery query() {
        return query;
    }

    /** This period's incidents (after the service filter), for a what-if over the same ones. */
    public Set<String> incidentIds() {
        return current.stream().map(IncidentSla::incidentId).collect(Collectors.toSet());
    }

    public int incidentCount() {
        return current.size();
    }

    public int previousCount() {
        return previousCount;
    }

    /** Per severity (in the query's view), SEV1 first. */
    public List<Group> groups() {
        return groups;
    }

    /** The previous period's, in the same order. */
    public List<Group> previousGroups() {
        return previousGroups;
    }

    public List<Week> weeks() {
        return weeks;
    }

    /** Per week, the groups per severity. */
    public List<List<Group>> weekly() {
        return weekly;
    }

    /** Per service named by this period's incidents, by name. */
    public List<Group> services() {
        return services;
    }

    public List<BreachRow> breaches() {
        return breaches;
    }

    public int breachCount() {
        return breachCount;
    }

    /** Every service named in this period or the previous one, for the filter. */
    public List<String> serviceNames() {
        return serviceNames;
    }

    /** True when nothing at all was declared in this period. */
    public boolean empty() {
        return current.isEmpty();
    }
}
