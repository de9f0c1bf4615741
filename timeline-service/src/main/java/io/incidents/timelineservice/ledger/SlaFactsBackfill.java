package io.incidents.timelineservice.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once per start, in the background: the SLA facts of incidents applied before the
 * {@code incident_sla} table existed, derived from their stored events, so an upgraded
 * installation's SLA reports cover its whole history without a replay. Any instance may run it
 * at the same time as another: a row already there is kept.
 */
@Component
class SlaFactsBackfill {

    private static final Logger log = LoggerFactory.getLogger(SlaFactsBackfill.class);
    private static final int BATCH = 500;

    private final EventLedger ledger;

    SlaFactsBackfill(EventLedger liveLedger) {
        this.ledger = liveLedger;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(this::run, "sla-facts-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    void run() {
        long batches = 0;
        try {
            for (String after = ""; (after = ledger.deriveMissingSlaFacts(after, BATCH)) != null; ) {
                batches++;
            }
            if (batches > 0) {
                log.info("SLA facts derived for the incidents applied before they were kept ({} batches of up to {})", batches, BATCH);
            }
        } catch (RuntimeException e) {
            log.warn("Deriving the SLA facts of earlier incidents stopped; the next start carries on: {}", e.toString());
        }
    }
}
