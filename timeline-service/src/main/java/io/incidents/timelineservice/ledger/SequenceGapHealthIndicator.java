package io.incidents.timelineservice.ledger;

import io.incidents.support.health.Degraded;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * DEGRADED while some incident misses an event in its sequence: its timeline, SLA figures and
 * post-mortem may be wrong until the event arrives (or a replay finds it on the topic). Not DOWN:
 * the service works, and a load balancer must not take it out for one missing event.
 */
@Component("eventSequence")
class SequenceGapHealthIndicator extends AbstractHealthIndicator {

    private final EventLedger ledger;

    SequenceGapHealthIndicator(EventLedger liveLedger) {
        this.ledger = liveLedger;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long gaps = ledger.openGaps();
        (gaps == 0 ? builder.up() : builder.status(Degraded.STATUS)).withDetail("missingEvents", gaps);
    }
}
