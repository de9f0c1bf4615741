package io.incidents.notificationservice.outbox;

import io.incidents.support.health.Degraded;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code notificationEvents} in {@code /actuator/health}: DEGRADED while an event has waited in
 * the outbox longer than pending-alarm-after (the broker has not taken it: timeline-service's
 * post-mortems and dashboard miss it meanwhile), UP otherwise. As {@code deliveries}: DEGRADED
 * answers 200, since the service still does its work and loses nothing; the figures are those the
 * publisher read at its last poll, not read per request.
 */
@Component("notificationEvents")
class NotificationEventsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status(Degraded.STATUS.getCode(), "Events have waited too long to be published");

    private final NotificationEventsPublisher publisher;
    private final NotificationEventsProperties properties;

    NotificationEventsHealthIndicator(NotificationEventsPublisher publisher, NotificationEventsProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    @Override
    public Health health() {
        NotificationEventsPublisher.Snapshot snapshot = publisher.latest();
        if (snapshot == null) {
            return Health.unknown().withDetail("reason", "the outbox has not been read yet").build();
        }
        boolean late = snapshot.oldestPendingAge().compareTo(properties.pendingAlarmAfter()) > 0;
        return Health.status(late ? DEGRADED : Status.UP)
                .withDetail("topic", properties.topic())
                .withDetail("pending", snapshot.backlog().pending())
                .withDetail("oldestPendingAge", snapshot.oldestPendingAge().toString())
                .withDetail("checkedAt", snapshot.readAt().toString())
                .build();
    }
}
