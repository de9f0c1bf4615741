package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;

import java.time.Instant;

/** One row of the delivery log. */
public record Delivery(long id, String eventId, String incidentId, Channel channel, String recipient, String template,
                       String subject, String body, Status status, int attempts, Instant nextAttemptAt, String lastError,
                       Instant createdAt, Instant sentAt) {

    public enum Status {
        /** Waiting to be sent, or to be retried at nextAttemptAt. */
        PENDING,
        SENT,
        /** Retries are used up: parked until an operator retries it. */
        DEAD
    }
}
