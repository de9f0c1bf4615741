package io.incidents.timelineservice.ledger;

import io.incidents.testsupport.ShutdownMidBatch;
import io.incidents.timelineservice.TimelineServiceApplication;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a batch of records is in hand: the listener finishes the batch and commits it
 * before it leaves the group, and before the database pool closes. Nothing is lost (committed
 * but not applied) and nothing is left to be sent again (applied but not committed).
 */
class ShutdownIntegrationTest {

    @Test
    void theBatchInHandIsAppliedAndCommittedBeforeTheServiceStops() throws Exception {
        ShutdownMidBatch.Outcome outcome = ShutdownMidBatch.run(TimelineServiceApplication.class, "it-shutdown",
                IncidentEventsListener.LISTENER_ID, 20, Map.of("incidents.timeline.topic", "it-shutdown"));

        assertThat(outcome.inHand()).as("the close met a batch in hand").isGreaterThan(1);
        assertThat(outcome.applied()).as("every record in hand applied").isEqualTo(outcome.inHand());
        assertThat(outcome.committed()).as("and committed").isEqualTo(outcome.applied());
    }
}
