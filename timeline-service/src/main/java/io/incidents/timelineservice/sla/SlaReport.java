package io.incidents.timelineservice.sla;

import io.incidents.events.Severity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * SLA adherence over the incidents declared in [from, to) (SPEC 4), read from the incidents' SLA
 * facts by {@code ledger.SlaReportQueries}.
 *
 * @param groups            one group per severity at declaration, or per service
 * @param byHighestSeverity the second view by highest severity reached; empty when grouped by service
 */
public record SlaReport(Instant from, Instant to, GroupBy groupBy, List<Group> groups, List<Group> byHighestSeverity) {

    public SlaReport {
        Objects.requireNonNull(groupBy, "groupBy");
        groups = List.copyOf(groups);
        byHighestSeverity = List.copyOf(byHighestSeverity);
    }

    /**
     * The figures of one group.
     *
     * @param key      {@code SEV1}..{@code SEV4} or a service name
     * @param breaches breached clocks, ordered by declaration time, then incident id, then clock
     */
    public record Group(String key, int count, Adherence acknowledge, Adherence resolve, DurationStats tta,
                        DurationStats ttr, List<Breach> breaches) {

        public Group {
            breaches = List.copyOf(breaches);
        }
    }

    /**
     * Clocks met over clocks judged; running clocks are not judged yet and count in neither.
     *
     * @param percent met * 100 / judged rounded to 2 decimals, {@code null} when nothing was judged
     */
    public record Adherence(int judged, int met, int breached, Double percent) {

        /** From the counts of clocks met and breached. */
        public static Adherence counted(int met, int breached) {
            int judged = met + breached;
            Double percent = judged == 0 ? null
                    : BigDecimal.valueOf(met * 100L).divide(BigDecimal.valueOf(judged), 2, RoundingMode.HALF_UP).doubleValue();
            return new Adherence(judged, met, breached, percent);
        }
    }

    /**
     * Summary of durations in whole seconds; every figure is {@code null} when {@code count} is 0.
     * Percentiles use the nearest-rank method, so each one is a duration that actually occurred.
     */
    public record DurationStats(int count, Double meanSeconds, Long p50Seconds, Long p90Seconds, Long maxSeconds) {

        /** No durations at all. */
        public static final DurationStats NONE = new DurationStats(0, null, null, null, null);
    }

    /**
     * One breached clock.
     *
     * @param clock     {@code "acknowledge"} or {@code "resolve"}
     * @param severity  the level the incident is listed under in this view
     * @param stoppedAt {@code null} when the clock is still running past its deadline
     * @param link      where the incident can be read
     */
    public record Breach(String incidentId, String title, String clock, Severity severity, Instant deadline,
                         Instant stoppedAt, String link) {

        public static final String ACKNOWLEDGE = "acknowledge";
        public static final String RESOLVE = "resolve";
        /** Where an incident is read: the link is this and its id. */
        public static final String INCIDENT_LINK = "/api/v1/incidents/";

        /** A breach with the link to its incident. */
        public static Breach of(String incidentId, String title, String clock, Severity severity, Instant deadline,
                                Instant stoppedAt) {
            return new Breach(incidentId, title, clock, severity, deadline, stoppedAt, INCIDENT_LINK + incidentId);
        }
    }
}
