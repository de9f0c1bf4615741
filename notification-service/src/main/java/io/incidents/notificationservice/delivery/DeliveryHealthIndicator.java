package io.incidents.notificationservice.delivery;

import io.incidents.support.health.Degraded;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code deliveries} in {@code /actuator/health}: DEGRADED while a message is parked or has been
 * pending longer than pending-alarm-after, UP otherwise. DEGRADED is a status of our own, ranked
 * between OUT_OF_SERVICE and UP ({@code management.endpoint.health.status.order}) and answered
 * with 200: the service still works (it takes events and sends to every other destination), so a
 * load balancer or orchestrator must not take it out or restart it, which a DOWN (503) would ask
 * for, while a person or a monitor reading the status sees that messages are stuck.
 */
@Component("deliveries")
class DeliveryHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status(Degraded.STATUS.getCode(), "Messages are parked or have waited too long to be sent");

    private final DeliveryBacklog backlog;

    DeliveryHealthIndicator(DeliveryBacklog backlog) {
        this.backlog = backlog;
    }

    @Override
    public Health health() {
        DeliveryBacklog.Snapshot snapshot = backlog.latest();
        if (snapshot == null) {
            return Health.unknown().withDetail("reason", "the delivery log has not been read yet").build();
        }
        DeliveryLog.Backlog counts = snapshot.backlog();
        boolean degraded = counts.dead() > 0 || counts.overdue() > 0;
        return Health.status(degraded ? DEGRADED : Status.UP)
                .withDetail("pending", counts.pending())
                .withDetail("overdue", counts.overdue())
                .withDetail("parked", counts.dead())
                .withDetail("oldestPendingAge", snapshot.oldestPendingAge().toString())
                .withDetail("checkedAt", snapshot.readAt().toString())
                .build();
    }
}
