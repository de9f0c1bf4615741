package io.incidents.timelineservice.api;

import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.ledger.SlaReportQueries;
import io.incidents.timelineservice.sla.GroupBy;
import io.incidents.timelineservice.sla.SlaReport;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * SLA reports over a period from each incident's SLA facts, judged under a policy inside the
 * query: the configured targets give the live report, other targets a what-if, and neither
 * reads an event, holds the period's incidents in memory or touches a stored read model.
 */
@Component
public class SlaReports {

    /** How many breaches a report lists per group, in order; its adherence counts every one. */
    static final int BREACHES_PER_GROUP = 100;

    private final SlaReportQueries queries;

    SlaReports(SlaReportQueries liveSlaReports) {
        this.queries = liveSlaReports;
    }

    SlaReport report(Instant from, Instant to, GroupBy groupBy, SlaPolicy policy, Instant now) {
        return queries.report(from, to, groupBy, policy, now, BREACHES_PER_GROUP);
    }

    SlaReportQueries.BreachPage breaches(Instant from, Instant to, String view, String key, SlaPolicy policy, Instant now,
                                SlaReportQueries.BreachCursor after, int limit) {
        return queries.breaches(from, to, view, key, policy, now, after, limit);
    }
}
