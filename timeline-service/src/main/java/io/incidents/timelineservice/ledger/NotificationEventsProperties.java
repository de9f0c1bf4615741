package io.incidents.timelineservice.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the timeline reads {@code notification-events} (SPEC 2): what notification-service actually
 * sent and posted. Failing records are handled as on {@code incident-events} (the same
 * {@code incidents.timeline.poison-retries}, {@code poison-backoff} and {@code failure-backoff}).
 *
 * @param topic      the topic notification-service publishes on
 * @param groupId    the consumer group: one of its own, so a rebalance of either topic's consumers leaves the other's alone
 * @param partitions the partition count the topic (and its dead-letter topic) is created with when missing, as
 *                   notification-service creates it; an existing topic is used as it is
 */
@ConfigurationProperties("incidents.timeline.notifications")
public record NotificationEventsProperties(
        @DefaultValue("notification-events") String topic,
        @DefaultValue("timeline-service-notifications") String groupId,
        @DefaultValue("6") int partitions) {

    public String deadLetterTopic() {
        return topic + ".DLT";
    }
}
