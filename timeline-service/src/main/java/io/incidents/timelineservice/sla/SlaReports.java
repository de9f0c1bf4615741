package io.incidents.timelineservice.sla;

import io.incidents.events.IncidentDeclared;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.ledger.EventLedger;
import io.incidents.support.events.StoredEvent;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * SLA reports over a period, computed by replaying the events of the incidents declared in it
 * through {@link SlaEngine}: the configured targets give the live report, other targets a
 * what-if, and neither touches a stored read model.
 */
@Component
class SlaReports {

    private final EventLedger ledger;

    SlaReports(EventLedger liveLedger) {
        this.ledger = liveLedger;
    }

    SlaReport report(Instant from, Instant to, GroupBy groupBy, SlaPolicy policy, Instant now) {
        List<IncidentSla> incidents = ledger.eventsOfIncidentsDeclaredBetween(from, to).values().stream()
                .filter(events -> events.get(0).event() instanceof IncidentDeclared)
                .map(events -> SlaEngine.evaluate(events.stream().map(StoredEvent::event).toList(), policy, now))
                .toList();
        return SlaReportBuilder.build(incidents, groupBy, from, to);
    }
}
