package io.incidents.timelineservice.sla;

import io.incidents.events.Severity;
import io.incidents.timelineservice.sla.SlaReport.Adherence;
import io.incidents.timelineservice.sla.SlaReport.Breach;
import io.incidents.timelineservice.sla.SlaReport.DurationStats;
import io.incidents.timelineservice.sla.SlaReport.Group;

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
 * Groups incidents' SLA standings into a report (SPEC section 4). Deterministic: the same
 * incidents, in any order, give an equal report.
 */
public final class SlaReportBuilder {

    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String RESOLVE = "resolve";
    static final String INCIDENT_LINK = "/api/v1/incidents/";

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
                Adherence.of(members.stream().map(IncidentSla::acknowledge).toList()),
                Adherence.of(members.stream().map(IncidentSla::resolve).toList()),
                DurationStats.of(present(members, IncidentSla::tta)),
                DurationStats.of(present(members, IncidentSla::ttr)),
                breaches(members, level));
    }

    private static List<Duration> present(List<IncidentSla> members, Function<IncidentSla, Duration> duration) {
        return members.stream().map(duration).filter(Objects::nonNull).toList();
    }

    /** A breach names the level its view groups by, so a breach listed under SEV1 says SEV1. */
    private static List<Breach> breaches(List<IncidentSla> members, Function<IncidentSla, Severity> level) {
        List<Listed> listed = new ArrayList<>();
        for (IncidentSla incident : members) {
            if (incident.acknowledge().verdict() == Verdict.BREACHED) {
                listed.add(new Listed(incident, breach(incident, ACKNOWLEDGE, incident.acknowledge(), level.apply(incident))));
            }
            if (incident.resolve().verdict() == Verdict.BREACHED) {
                listed.add(new Listed(incident, breach(incident, RESOLVE, incident.resolve(), level.apply(incident))));
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
