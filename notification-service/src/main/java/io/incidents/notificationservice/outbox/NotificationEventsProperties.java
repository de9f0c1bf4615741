package io.incidents.notificationservice.outbox;

import io.incidents.events.notification.NotificationEventTypes;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How what this service did is published on {@code notification-events} ({@code notifications.outbox.*}).
 *
 * @param topic             the topic, created here when missing
 * @param partitions        its partitions when created here (as {@code incident-events}); an existing
 *                          topic is never changed
 * @param batchSize         rows sent at once before waiting for the broker's acknowledgements
 * @param pollInterval      how often the outbox is looked at besides the wake-up after each commit
 *                          that appended to it (rows another instance appended, a broker back)
 * @param sendTimeout       how long a batch waits for the broker's acknowledgements; longer than the
 *                          producer's {@code delivery.timeout.ms} (checked at start-up), so a send
 *                          given up on is one the producer gave up on too
 * @param retryAfterFailure the pause after a batch the broker did not take, before trying again
 * @param pendingAlarmAfter an event still unpublished this long after it was appended makes the
 *                          {@code notificationEvents} health component DEGRADED
 * @param keepPublished     how long published rows stay in the outbox (to look at) before they are deleted
 * @param shutdownGrace     how long a stopping publisher lets a batch in flight finish before it
 *                          interrupts it (what the broker has not acknowledged is sent again later)
 */
@ConfigurationProperties("notifications.outbox")
public record NotificationEventsProperties(
        @DefaultValue(NotificationEventTypes.TOPIC) String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("40s") Duration sendTimeout,
        @DefaultValue("5s") Duration retryAfterFailure,
        @DefaultValue("5m") Duration pendingAlarmAfter,
        @DefaultValue("7d") Duration keepPublished,
        @DefaultValue("5s") Duration shutdownGrace) {

    public NotificationEventsProperties {
        require(topic != null && !topic.isBlank(), "topic must be set");
        require(partitions > 0, "partitions must be at least 1");
        require(batchSize > 0, "batch-size must be at least 1");
        require(isPositive(pollInterval) && isPositive(sendTimeout) && isPositive(retryAfterFailure)
                && isPositive(pendingAlarmAfter) && isPositive(keepPublished),
                "poll-interval, send-timeout, retry-after-failure, pending-alarm-after and keep-published must be positive");
        require(shutdownGrace != null && !shutdownGrace.isNegative(), "shutdown-grace must not be negative");
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("notifications.outbox: " + message);
        }
    }
}
