package io.incidents.incidentservice.relay;

/**
 * The reconciler's progress (table {@code relay_reconciliation}).
 *
 * @param unrecordedThrough events at or below this position were published before the relay kept records
 * @param checkedThrough    every event at or below this position has been compared with the records
 * @param settlingThrough   the next position to compare up to once it has settled, or null
 */
record ReconciliationState(long unrecordedThrough, long checkedThrough, Long settlingThrough) {

    /**
     * How far comparisons may go: up to the settling position once it has settled (every
     * transaction open when it was taken has ended, so no event can still appear at or below it).
     */
    long settledThrough(boolean settlingEnded) {
        return settlingEnded && settlingThrough != null ? Math.max(checkedThrough, settlingThrough) : checkedThrough;
    }

    /** A settling position is taken when there is none, or comparisons have reached it. */
    static boolean needsSettlingPosition(Long settlingThrough, long checkedThrough) {
        return settlingThrough == null || checkedThrough >= settlingThrough;
    }
}
