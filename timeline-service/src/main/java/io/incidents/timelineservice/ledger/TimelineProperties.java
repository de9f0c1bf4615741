package io.incidents.timelineservice.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the timeline reads {@code incident-events}.
 *
 * @param topic          the topic of all incident events
 * @param partitions     the topic's expected partition count (checked at start-up), and its dead-letter topic's
 * @param poisonRetries  how often an unreadable record is retried before it is parked on the DLT
 * @param poisonBackoff  the first wait between those retries (doubling)
 * @param failureBackoff the wait between retries of a record that failed for another reason (a database
 *                       outage, say): those are retried until they succeed, never parked
 * @param swapLockTimeout how long a replay's table swap waits for each lock (readers and consumers using the
 *                       tables) before it lets go and tries again a second later: whoever queues behind it
 *                       waits no longer, and no wait comes near the database socket timeout
 */
@ConfigurationProperties("incidents.timeline")
public record TimelineProperties(
        @DefaultValue("incident-events") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("3") int poisonRetries,
        @DefaultValue("200ms") Duration poisonBackoff,
        @DefaultValue("2s") Duration failureBackoff,
        @DefaultValue("5s") Duration swapLockTimeout) {

    public TimelineProperties {
        if (swapLockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("incidents.timeline.swap-lock-timeout must be at least 1ms, not "
                    + swapLockTimeout + " (0 would wait for ever)");
        }
    }

    public String deadLetterTopic() {
        return topic + ".DLT";
    }
}
