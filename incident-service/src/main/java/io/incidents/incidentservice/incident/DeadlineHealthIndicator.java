package io.incidents.incidentservice.incident;

import io.incidents.support.health.Degraded;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code deadlines} in {@code /actuator/health}: DEGRADED while an escalation deadline is late
 * (failing for longer than late-after, or due that long ago and not fired), UP otherwise. Not
 * DOWN (503): the service takes commands and every other deadline fires, so a load balancer must
 * not take it out, while a person or a monitor sees that someone may not be paged.
 */
@Component("deadlines")
class DeadlineHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status(Degraded.STATUS.getCode(), "An escalation deadline keeps failing or is overdue");

    private final DeadlineBacklog backlog;
    private final DeadlineHealthProperties properties;

    DeadlineHealthIndicator(DeadlineBacklog backlog, DeadlineHealthProperties properties) {
        this.backlog = backlog;
        this.properties = properties;
    }

    @Override
    public Health health() {
        DeadlineBacklog.Snapshot snapshot = backlog.latest();
        if (snapshot == null) {
            return Health.unknown().withDetail("reason", "the deadlines have not been read yet").build();
        }
        return Health.status(snapshot.late() > 0 ? DEGRADED : Status.UP)
                .withDetail("failing", snapshot.failing())
                .withDetail("late", snapshot.late())
                .withDetail("lateAfter", properties.lateAfter().toString())
                .withDetail("checkedAt", snapshot.readAt().toString())
                .build();
    }
}
