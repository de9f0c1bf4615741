package io.incidents.incidentservice.relay;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reconciler publishes again for one aggregate, and what its record says afterwards. */
class RepairPlanTest {

    private static final long UNRECORDED_THROUGH = 1_000;

    @Test
    void aCompleteRecordOfEverythingPassedNeedsNothing() {
        PublishedRecord recorded = PublishedRecord.completeThrough(2);

        RepairPlan plan = RepairPlan.of(recorded, List.of(0L, 1L, 2L), OptionalLong.empty(), UNRECORDED_THROUGH);

        assertThat(plan.republish()).isEmpty();
        assertThat(plan.corrected()).isEqualTo(recorded);
    }

    @Test
    void lastEventsTheRelayPassedWithoutPublishingAreSentAndRecorded() {
        RepairPlan plan = RepairPlan.of(PublishedRecord.completeThrough(1), List.of(0L, 1L, 2L, 3L), OptionalLong.empty(),
                UNRECORDED_THROUGH);

        assertThat(plan.republish()).containsExactly(2L, 3L);
        assertThat(plan.corrected()).isEqualTo(new PublishedRecord(0, 3, 4));
    }

    @Test
    void anAggregateTheRelayNeverPublishedIsSentWhole() {
        RepairPlan plan = RepairPlan.of(PublishedRecord.NOTHING, List.of(0L), OptionalLong.empty(), UNRECORDED_THROUGH);

        assertThat(plan.republish()).containsExactly(0L);
        assertThat(plan.corrected()).isEqualTo(new PublishedRecord(0, 0, 1));
    }

    @Test
    void aMissingEventBelowTheHighestPublishedSendsEverythingPassedAgain() {
        // 0 and 2 went out, 1 did not: the count says one is missing, not which.
        RepairPlan plan = RepairPlan.of(new PublishedRecord(0, 2, 2), List.of(0L, 1L, 2L), OptionalLong.empty(),
                UNRECORDED_THROUGH);

        assertThat(plan.republish()).containsExactly(0L, 1L, 2L);
        assertThat(plan.corrected()).isEqualTo(new PublishedRecord(0, 2, 3));
    }

    @Test
    void aRecordStartingWhereRecordsBeganCountsItsEarlierEventsAsPublished() {
        // Events 0-4 went out before the relay kept records; 5-7 since.
        RepairPlan plan = RepairPlan.of(new PublishedRecord(5, 7, 3), List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L),
                OptionalLong.of(UNRECORDED_THROUGH - 10), UNRECORDED_THROUGH);

        assertThat(plan.republish()).isEmpty();
        assertThat(plan.corrected()).isEqualTo(new PublishedRecord(0, 7, 8));
    }

    @Test
    void aRecordMissingItsStartAfterRecordsBeganSendsEverythingPassed() {
        // The declaration (0) was stored after records began and never published; 1 was.
        RepairPlan plan = RepairPlan.of(new PublishedRecord(1, 1, 1), List.of(0L, 1L), OptionalLong.of(UNRECORDED_THROUGH + 1),
                UNRECORDED_THROUGH);

        assertThat(plan.republish()).containsExactly(0L, 1L);
        assertThat(plan.corrected()).isEqualTo(new PublishedRecord(0, 1, 2));
    }

    @Test
    void aRecordStartingBeforeRecordsBeganButMissingAnEventSinceSendsEverythingPassed() {
        RepairPlan plan = RepairPlan.of(new PublishedRecord(5, 7, 2), List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L),
                OptionalLong.of(UNRECORDED_THROUGH - 10), UNRECORDED_THROUGH);

        assertThat(plan.republish()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(plan.corrected()).isEqualTo(new PublishedRecord(0, 7, 8));
    }
}
