package io.incidents.timelineservice.dashboard.sla;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.ledger.SlaReportQueries;
import io.incidents.timelineservice.sla.GroupBy;
import io.incidents.timelineservice.sla.SlaReport;
import io.incidents.timelineservice.sla.SlaReport.Breach;
import io.incidents.timelineservice.sla.SlaReport.Group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the SLA page shows: the period's figures per severity against the previous period's,
 * the same per week and per service, and the breaches. Each is a report of the same query as
 * {@code /api/v1/sla} ({@link SlaReportQueries}), so the page says what the API says.
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
    private final int incidentCount;
    private final List<Group> groups;
    private final List<Group> previousGroups;
    private final List<Week> weeks;
    private final List<List<Group>> weekly;
    private final List<Group> services;
    private final List<BreachRow> breaches;
    private final int breachCount;
    private final List<String> serviceNames;
    private final int previousCount;

    private SlaFigures(SlaQuery query, int incidentCount, List<Group> groups, List<Group> previousGroups,
                       List<Week> weeks, List<List<Group>> weekly, List<Group> services, List<BreachRow> breaches,
                       int breachCount, List<String> serviceNames, int previousCount) {
        this.query = query;
        this.incidentCount = incidentCount;
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
     * The page's figures under {@code policy}, judged at {@code now}: each one a report read from
     * the incidents' SLA facts rows ({@link SlaReportQueries}), so the page holds no incident in memory
     * whatever the period's size.
     */
    static SlaFigures of(SlaReportQueries reports, SlaPolicy policy, SlaQuery query, Instant now) {
        String service = query.service();
        SlaReport report = reports.report(query.from(), query.to(), GroupBy.SEVERITY, policy, now, 0, service);
        SlaReport before = reports.report(query.previousFrom(), query.from(), GroupBy.SEVERITY, policy, now, 0, service);
        // Each incident lands in one week; a week's figures come from its own incidents only.
        List<Week> weeks = Week.covering(query.from(), query.to());
        List<List<Group>> weekly = new ArrayList<>();
        for (Week week : weeks) {
            weekly.add(inView(reports.report(week.start(), week.end(), GroupBy.SEVERITY, policy, now, 0, service), query.view()));
        }
        List<Group> services = reports.report(query.from(), query.to(), GroupBy.SERVICE, policy, now, 0, service).groups();
        List<Group> groups = inView(report, query.view());
        String view = query.view() == SlaQuery.View.HIGHEST ? "highest" : "declared";
        List<BreachRow> breaches = reports.latestBreaches(query.from(), query.to(), view, service, policy, now, MAX_BREACHES)
                .stream().map(listed -> breachRow(listed, now)).toList();
        int breachCount = groups.stream().mapToInt(group -> group.acknowledge().breached() + group.resolve().breached()).sum();
        List<String> serviceNames = new ArrayList<>(reports.servicesNamed(query.previousFrom(), query.to()));
        if (service != null && !serviceNames.contains(service)) {
            serviceNames.add(service);
            serviceNames.sort(null);
        }
        return new SlaFigures(query, count(groups), groups, inView(before, query.view()), weeks, weekly, services,
                breaches, breachCount, List.copyOf(serviceNames), count(inView(before, query.view())));
    }

    static List<Group> inView(SlaReport report, SlaQuery.View view) {
        return view == SlaQuery.View.HIGHEST ? report.byHighestSeverity() : report.groups();
    }

    private static int count(List<Group> groups) {
        return groups.stream().mapToInt(Group::count).sum();
    }

    /** A breached clock, and by how much: a running clock is late by the time since its deadline. */
    private static BreachRow breachRow(SlaReportQueries.ListedBreach listed, Instant now) {
        Breach breach = listed.breach();
        Instant stopped = breach.stoppedAt();
        Duration late = Duration.between(breach.deadline(), stopped == null ? now : stopped);
        String by = Format.seconds(late.getSeconds()) + (stopped == null ? " and counting" : "");
        return new BreachRow(breach.incidentId(), breach.title(), breach.severity(), listed.services(), breach.clock(),
                breach.deadline(), stopped, by);
    }

    /** The same period's groups (in the query's view) under other targets: what the what-if form shows beside today's. */
    List<Group> under(SlaReportQueries reports, SlaPolicy asked, Instant now) {
        return inView(reports.report(query.from(), query.to(), GroupBy.SEVERITY, asked, now, 0, query.service()), query.view());
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


    public int incidentCount() {
        return incidentCount;
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
        return incidentCount == 0;
    }
}
