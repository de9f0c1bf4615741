package io.incidents.notificationservice.delivery;

import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.MessageFailed;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.MessageRequeued;
import io.incidents.notificationservice.outbox.NotificationEventsOutbox;
import io.incidents.notificationservice.routing.ContactNames;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * What the delivery log's marks publish on {@code notification-events}, appended in the mark's
 * transaction. A message's recipient is named as the delivery log API names it: the contact's
 * configured name, else its redacted address (never a webhook URL's path or a full email
 * address). Status-page rows are no messages: posts have their own event, from the intake.
 */
@Component
class MessageEvents {

    private final NotificationEventsOutbox outbox;
    private final ContactNames contactNames;

    MessageEvents(NotificationEventsOutbox outbox, ContactNames contactNames) {
        this.outbox = outbox;
        this.contactNames = contactNames;
    }

    void delivered(Delivery sent) {
        MessageChannel channel = channel(sent);
        if (channel != null) {
            outbox.append(new MessageDelivered(sent.incidentId(), sent.eventId(), sent.id(), channel, recipient(sent),
                    sent.template(), sent.attempts(), sent.sentAt()));
        }
    }

    /** The first failure of a run of failures: the message is retried at {@link Delivery#nextAttemptAt()}. */
    void failed(Delivery failing) {
        MessageChannel channel = channel(failing);
        if (channel != null) {
            outbox.append(new MessageFailed(failing.incidentId(), failing.eventId(), failing.id(), channel, recipient(failing),
                    failing.template(), failing.attempts(), Redaction.redact(failing.lastError()), failing.outcomeUnknown(),
                    failing.nextAttemptAt(), failing.lastAttemptAt()));
        }
    }

    void parked(Delivery parked) {
        MessageChannel channel = channel(parked);
        if (channel != null) {
            outbox.append(new MessageParked(parked.incidentId(), parked.eventId(), parked.id(), channel, recipient(parked),
                    parked.template(), parked.attempts(), Redaction.redact(parked.lastError()), parked.parkedAt()));
        }
    }

    void requeued(Delivery requeued, MessageRequeued.Reason reason, Instant at) {
        MessageChannel channel = channel(requeued);
        if (channel != null) {
            outbox.append(new MessageRequeued(requeued.incidentId(), requeued.eventId(), requeued.id(), channel,
                    recipient(requeued), requeued.template(), reason, at));
        }
    }

    private String recipient(Delivery delivery) {
        String name = contactNames.of(delivery.recipient());
        return name != null ? name : Redaction.redactAddress(delivery.recipient());
    }

    private static MessageChannel channel(Delivery delivery) {
        return switch (delivery.channel()) {
            case CHAT -> MessageChannel.CHAT;
            case EMAIL -> MessageChannel.EMAIL;
            case WEBHOOK -> MessageChannel.WEBHOOK;
            case STATUS_PAGE -> null;
        };
    }
}
