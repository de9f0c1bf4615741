package io.incidents.timelineservice.sla;

import io.incidents.events.Severity;
import io.incidents.timelineservice.sla.SlaReport.Adherence;
import io.incidents.timelineservice.sla.SlaReport.Breach;
import io.incidents.timelineservice.sla.SlaReport.DurationStats;
import io.incidents.timelineservice.sla.SlaReport.Group;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The reference for SLA reports: groups incidents' SLA standings, each judged by the SLA engine,
 * into a report in plain Java (SPEC section 4), checked against the worked examples by
 * {@code SlaReportBuilderTest}. The service reads its reports with SQL
 * ({@code ledger.SlaReportQueries}); {@code SlaReportQueriesIntegrationTest} holds that SQL to
 * this. Deterministic: the same incidents, in any order, give an equal report.
 */
public final class SlaReportBuilder {

    private static final Comparator<Listed> BREACH_ORDER = Comparator
            .comparing((Listed listed) -> listed.incident().declaredAt())
            .thenComparing(listed -> listed.incident().incidentId())
            .thenComparing(listed -> listed.breach().clock());

    private SlaReportBuilder() {
    }

    /**
     * @param incidents the incidents declared in [from, to): the caller selects them, {@code from}
     *                  and {@code to} are only echoed in the report
     */
    public static SlaReport build(List<IncidentSla> incidents, GroupBy groupBy, Instant from, Instant to) {
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(groupBy, "groupBy");
        return switch (groupBy) {
            case SEVERITY -> new SlaReport(from, to, groupBy,
                    bySeverity(incidents, IncidentSla::severityAtDeclaration),
                    bySeverity(incidents, IncidentSla::highestSeverity));
            case SERVICE -> new SlaReport(from, to, groupBy, byService(incidents), List.of());
        };
    }

    /** Every level is present, even without incidents, so the report always has the same shape. */
    private static List<Group> bySeverity(List<IncidentSla> incidents, Function<IncidentSla, Severity> level) {
        List<Group> groups = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            List<IncidentSla> members = incidents.stream().filter(incident -> level.apply(incident) == severity).toList();
            groups.add(group(severity.name(), members, level));
        }
        return groups;
    }

    private static List<Group> byService(List<IncidentSla> incidents) {
        Map<String, List<IncidentSla>> members = new TreeMap<>();
        for (IncidentSla incident : incidents) {
            incident.services().stream().distinct()
                    .forEach(service -> members.computeIfAbsent(service, key -> new ArrayList<>()).add(incident));
        }
        List<Group> groups = new ArrayList<>();
        members.forEach((service, group) -> groups.add(group(service, group, IncidentSla::severityAtDeclaration)));
        return groups;
    }

    private static Group group(String key, List<IncidentSla> members, Function<IncidentSla, Severity> level) {
        return new Group(key, members.size(),
                adherence(members.stream().map(IncidentSla::acknowledge).toList()),
                adherence(members.stream().map(IncidentSla::resolve).toList()),
                durations(present(members, IncidentSla::tta)),
                durations(present(members, IncidentSla::ttr)),
                breaches(members, level));
    }

    /** Clocks met over clocks judged; running clocks count in neither. */
    private static Adherence adherence(List<Clock> clocks) {
        int met = (int) clocks.stream().filter(clock -> clock.verdict() == Verdict.MET).count();
        int breached = (int) clocks.stream().filter(clock -> clock.verdict() == Verdict.BREACHED).count();
        return Adherence.counted(met, breached);
    }

    /** Count, mean, p50 and p90 by nearest rank, and max, in whole seconds. */
    private static DurationStats durations(List<Duration> durations) {
        long[] seconds = durations.stream().mapToLong(Duration::getSeconds).sorted().toArray();
        int count = seconds.length;
        if (count == 0) {
            return DurationStats.NONE;
        }
        long sum = 0;
        for (long value : seconds) {
            sum += value;
        }
        double mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP).doubleValue();
        return new DurationStats(count, mean, nearestRank(seconds, 50), nearestRank(seconds, 90), seconds[count - 1]);
    }

    /** The smallest value with at least {@code percentile}% of the values at or below it. */
    private static long nearestRank(long[] sorted, int percentile) {
        int rank = (percentile * sorted.length + 99) / 100;
        return sorted[Math.max(rank, 1) - 1];
    }

    private static List<Duration> present(List<IncidentSla> members, Function<IncidentSla, Duration> duration) {
        return members.stream().map(duration).filter(Objects::nonNull).toList();
    }

    /** A breach names the level its view groups by, so a breach listed under SEV1 says SEV1. */
    private static List<Breach> breaches(List<IncidentSla> members, Function<IncidentSla, Severity> level) {
        List<Listed> listed = new ArrayList<>();
        for (IncidentSla incident : members) {
            if (incident.acknowledge().verdict() == Verdict.BREACHED) {
                listed.add(new Listed(incident, breach(incident, Breach.ACKNOWLEDGE, incident.acknowledge(), level.apply(incident))));
            }
            if (incident.resolve().verdict() == Verdict.BREACHED) {
                listed.add(new Listed(incident, breach(incident, Breach.RESOLVE, incident.resolve(), level.apply(incident))));
            }
        }
        return listed.stream().sorted(BREACH_ORDER).map(Listed::breach).toList();
    }

    private static Breach breach(IncidentSla incident, String clockName, Clock clock, Severity severity) {
        return Breach.of(incident.incidentId(), incident.title(), clockName, severity, clock.deadline(), clock.stoppedAt());
    }

    /** A breach with the incident it belongs to, which gives the breach list its order. */
    private record Listed(IncidentSla incident, Breach breach) {
    }
}
