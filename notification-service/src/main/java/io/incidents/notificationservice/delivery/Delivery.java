package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the delivery log.
 *
 * @param attempts       every attempt made, for people to see
 * @param nextAttemptAt  when it is due; in a message just claimed, when it fell due (the row holds the lease's end)
 * @param failures       failed attempts in a row since the message last had a fresh start (drives the backoff)
 * @param failingSince   when that run of failures began; it is parked once this is give-up-after ago
 * @param outcomeUnknown the last attempt timed out after the request went out: the receiver may have it
 * @param parkedAt       when it was parked (DEAD), kept while a parked message is tried once more
 * @param claimId        the claim of the worker sending it now, if any: only that claim may mark it
 */
public record Delivery(long id, String eventId, String incidentId, Channel channel, String recipient, String template,
                       String subject, String body, Status status, int attempts, Instant nextAttemptAt, String lastError,
                       Instant createdAt, Instant sentAt, int failures, Instant failingSince, Instant lastAttemptAt,
                       boolean outcomeUnknown, Instant parkedAt, UUID claimId) {

    public enum Status {
        /** Waiting to be sent, or to be retried at nextAttemptAt. */
        PENDING,
        SENT,
        /** Failing for longer than give-up-after: parked until its destination works again or an operator retries it. */
        DEAD
    }

    /**
     * Where it goes: one attempt at a time per destination, so a slow endpoint holds one thread, not
     * all of them. {@link DeliveryLog#claimDue} spells it the same way in SQL.
     */
    String destination() {
        return channel.name() + " " + recipient;
    }
}
