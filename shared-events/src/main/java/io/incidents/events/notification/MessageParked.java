package io.incidents.events.notification;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A message kept failing for longer than notification-service's {@code give-up-after}: it is parked, unsent. */
@Revision("1")
public record MessageParked(String incidentId, String causeEventId, long deliveryId, MessageChannel channel,
                            String recipient, String template, int attempts, String error, Instant parkedAt)
        implements NotificationEvent {

    @Override
    public Instant occurredAt() {
        return parkedAt;
    }
}
