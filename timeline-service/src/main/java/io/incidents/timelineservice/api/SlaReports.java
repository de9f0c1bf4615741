package io.incidents.timelineservice.api;

import io.incidents.events.IncidentDeclared;
import io.incidents.policy.SlaPolicy;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.ledger.EventLedger;
import io.incidents.timelineservice.sla.GroupBy;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import io.incidents.timelineservice.sla.SlaReport;
import io.incidents.timelineservice.sla.SlaReportBuilder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * SLA reports over a period, computed by replaying the events of the incidents declared in it
 * through {@link SlaEngine}: the configured targets give the live report, other targets a
 * what-if, and neither touches a stored read model.
 */
@Component
public class SlaReports {

    private final EventLedger ledger;

    SlaReports(EventLedger liveLedger) {
        this.ledger = liveLedger;
    }

    SlaReport report(Instant from, Instant to, GroupBy groupBy, SlaPolicy policy, Instant now) {
        return SlaReportBuilder.build(evaluate(ledger.eventsOfIncidentsDeclaredBetween(from, to).values(), policy, now),
                groupBy, from, to);
    }

    /**
     * Each incident's SLA standing under {@code policy}; the dashboard loads a period's events
     * once and judges them under today's and a what-if's targets with this.
     *
     * @param histories each incident's events in sequence order; one not starting with its
     *                  declaration (a gap still being filled) is left out
     */
    public static List<IncidentSla> evaluate(Collection<List<StoredEvent>> histories, SlaPolicy policy, Instant now) {
        return histories.stream()
                .filter(events -> !events.isEmpty() && events.get(0).event() instanceof IncidentDeclared)
                .map(events -> SlaEngine.evaluate(events.stream().map(StoredEvent::event).toList(), policy, now))
                .toList();
    }
}
