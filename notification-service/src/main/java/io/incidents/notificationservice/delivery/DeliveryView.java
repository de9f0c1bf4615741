package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;

import java.time.Instant;

/**
 * A delivery as the API shows it: who was told (the contact's configured name) and a redacted
 * address, never the full webhook URL (a Slack incoming-webhook URL is its own credential) or
 * email address. The claim of the worker sending it is not shown: it is a fencing token, nobody's business.
 */
record DeliveryView(long id, String eventId, String incidentId, Channel channel, String contact, String address,
                    String template, String subject, String body, Delivery.Status status, int attempts, Instant nextAttemptAt,
                    String lastError, Instant createdAt, Instant sentAt, Instant lastAttemptAt, Instant failingSince,
                    boolean outcomeUnknown, Instant parkedAt) {

    static DeliveryView of(Delivery delivery, String contact) {
        return new DeliveryView(delivery.id(), delivery.eventId(), delivery.incidentId(), delivery.channel(), contact,
                Redaction.redactAddress(delivery.recipient()), delivery.template(), delivery.subject(), delivery.body(),
                delivery.status(), delivery.attempts(), delivery.nextAttemptAt(), Redaction.redact(delivery.lastError()),
                delivery.createdAt(), delivery.sentAt(), delivery.lastAttemptAt(), delivery.failingSince(),
                delivery.outcomeUnknown(), delivery.parkedAt());
    }
}
