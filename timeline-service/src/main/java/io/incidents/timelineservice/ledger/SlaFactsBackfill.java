package io.incidents.timelineservice.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the background, at the starts after the upgrade that created {@code incident_sla} (until one
 * finishes): the SLA facts of incidents applied before, derived from their stored events, so an
 * upgraded installation's SLA reports cover its whole history without a replay. Any instance may
 * run it at the same time as another: a row already there is kept. Other starts read one row.
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
            if (!ledger.slaFactsBackfillPending()) {
                return;
            }
            for (String after = ""; (after = ledger.deriveMissingSlaFacts(after, BATCH)) != null; ) {
                batches++;
            }
            ledger.slaFactsBackfillDone();
            log.info("SLA facts derived for the incidents applied before they were kept ({} batches of up to {})", batches, BATCH);
        } catch (RuntimeException e) {
            log.warn("Deriving the SLA facts of earlier incidents stopped; the next start carries on: {}", e.toString());
        }
    }
}
