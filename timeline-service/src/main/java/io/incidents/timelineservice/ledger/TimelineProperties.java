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
 */
@ConfigurationProperties("incidents.timeline")
public record TimelineProperties(
        @DefaultValue("incident-events") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("3") int poisonRetries,
        @DefaultValue("200ms") Duration poisonBackoff,
        @DefaultValue("2s") Duration failureBackoff) {

    public String deadLetterTopic() {
        return topic + ".DLT";
    }
}
