package io.incidents.notificationservice.incident;

import io.incidents.notificationservice.NotificationServiceApplication;
import io.incidents.testsupport.ShutdownMidBatch;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a batch of records is in hand: the listener records every event of the batch
 * (and the messages it calls for) and commits it before it leaves the group, and before the
 * database pool closes; nothing is lost and nothing is left to be read again.
 */
class ShutdownIntegrationTest {

    @Test
    void theBatchInHandIsRecordedAndCommittedBeforeTheServiceStops() throws Exception {
        ShutdownMidBatch.Outcome outcome = ShutdownMidBatch.run(NotificationServiceApplication.class, "it-notify-shutdown",
                "notification-events-listener", 20, Map.of("notifications.topic", "it-notify-shutdown"));

        assertThat(outcome.inHand()).as("the close met a batch in hand").isGreaterThan(1);
        assertThat(outcome.applied()).as("every record in hand recorded").isEqualTo(outcome.inHand());
        assertThat(outcome.committed()).as("and committed").isEqualTo(outcome.applied());
    }
}
