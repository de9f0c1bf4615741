package io.incidents.events.notification;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A message went through: the receiver accepted it ({@code attempts} counts every try).
 *
 * @param deliveryId the message's row in notification-service's delivery log
 * @param recipient  the contact's configured name, else the address as the delivery log shows it
 *                   (redacted: a webhook URL is a credential)
 * @param template   the template it was written from ({@code chat-initial}, {@code support-alert}, ...)
 */
@Revision("1")
public record MessageDelivered(String incidentId, String causeEventId, long deliveryId, MessageChannel channel,
                               String recipient, String template, int attempts, Instant deliveredAt)
        implements NotificationEvent {

    @Override
    public Instant occurredAt() {
        return deliveredAt;
    }
}
