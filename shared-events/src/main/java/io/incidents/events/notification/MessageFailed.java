package io.incidents.events.notification;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A message could not be delivered and will be retried: published at the first failure of a
 * run of failures only (a message retried every few minutes for hours is one event, not hundreds).
 *
 * @param error         why, with URLs cut to scheme and host
 * @param outcomeUnknown the receiver may have it (a read timeout): it is retried no sooner than one read timeout later
 */
@Revision("1")
public record MessageFailed(String incidentId, String causeEventId, long deliveryId, MessageChannel channel,
                            String recipient, String template, int attempts, String error, boolean outcomeUnknown,
                            Instant nextAttemptAt, Instant failedAt) implements NotificationEvent {

    @Override
    public Instant occurredAt() {
        return failedAt;
    }
}
