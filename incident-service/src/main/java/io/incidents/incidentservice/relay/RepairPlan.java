package io.incidents.incidentservice.relay;

import java.util.List;
import java.util.OptionalLong;

/**
 * What to publish again for one aggregate, and its record afterwards. Plain arithmetic on the
 * relay's record and the event store, so every case is easy to test.
 *
 * @param republish the sequence numbers to send again, in order
 * @param corrected the aggregate's record once they are confirmed
 */
record RepairPlan(List<Long> republish, PublishedRecord corrected) {

    /**
     * @param recorded           the relay's record of the aggregate (locked, so the relay cannot add to it meanwhile)
     * @param passed             the aggregate's stored sequence numbers the relay has passed for good, in order:
     *                           each was published, or skipped
     * @param positionBeforeFirst where the event just below the record's first sequence number is stored, if the
     *                           record does not start at 0
     * @param unrecordedThrough  events at or below this position were published before records were kept
     */
    static RepairPlan of(PublishedRecord recorded, List<Long> passed, OptionalLong positionBeforeFirst,
                         long unrecordedThrough) {
        PublishedRecord known = recorded;
        if (known.firstSequence() > 0 && known.completeFromFirst() && positionBeforeFirst.isPresent()
                && positionBeforeFirst.getAsLong() <= unrecordedThrough) {
            // Its start went out before the relay kept records: published, as far as anyone can know.
            known = PublishedRecord.completeThrough(known.maxSequence());
        }
        long highestPassed = passed.isEmpty() ? -1 : passed.get(passed.size() - 1);
        if (known.complete()) {
            long published = known.maxSequence();
            List<Long> skippedAtTheEnd = passed.stream().filter(sequence -> sequence > published).toList();
            return skippedAtTheEnd.isEmpty() ? new RepairPlan(List.of(), known)
                    : new RepairPlan(skippedAtTheEnd, PublishedRecord.completeThrough(highestPassed));
        }
        // Something below the highest published is missing, and the count does not say which:
        // everything passed goes again (consumers drop copies by ce_id and sequence).
        if (passed.isEmpty()) {
            return new RepairPlan(List.of(), known);
        }
        return new RepairPlan(List.copyOf(passed), PublishedRecord.completeThrough(Math.max(highestPassed, known.maxSequence())));
    }
}
