package io.incidents.events.notification;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A parked message is due again: an operator retried it, or its destination works again. */
@Revision("1")
public record MessageRequeued(String incidentId, String causeEventId, long deliveryId, MessageChannel channel,
                              String recipient, String template, Reason reason, Instant requeuedAt)
        implements NotificationEvent {

    public enum Reason {
        /** {@code POST /api/v1/admin/notifications/{id}/retry} */
        OPERATOR_RETRY,
        /** another message to the same destination went through */
        DESTINATION_RECOVERED
    }

    @Override
    public Instant occurredAt() {
        return requeuedAt;
    }
}
