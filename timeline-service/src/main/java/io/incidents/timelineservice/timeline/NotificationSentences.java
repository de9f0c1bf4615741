package io.incidents.timelineservice.timeline;

import io.incidents.events.notification.LevelTold;
import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.MessageFailed;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.MessageRequeued;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPosted;
import io.incidents.timelineservice.notification.StoredNotification;
import io.incidents.timelineservice.notification.Words;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What notification-service did, as timeline sentences ("chat-initial delivered by chat to Platform on-call"). */
final class NotificationSentences {

    private NotificationSentences() {
    }

    static TimelineEntry entry(StoredNotification stored) {
        return new TimelineEntry(null, stored.eventId(), stored.type(), stored.occurredAt(), null, describe(stored.event()),
                false, TimelineEntry.NOTIFICATION_SERVICE);
    }

    static String describe(NotificationEvent event) {
        if (event instanceof LevelTold e) {
            String level = "level " + e.level() + " (" + e.levelName() + ")";
            return e.source() == OnCallSource.NOBODY || e.people().isEmpty()
                    ? level + " had nobody to tell: its messages went to the next level up"
                    : level + " told: " + Words.people(e.people(), e.source());
        }
        if (event instanceof StatusPosted e) {
            return "status page: " + Words.postKind(e.kind()) + " posted as \"" + e.publicTitle() + "\""
                    + (e.components().isEmpty() ? "" : " (" + String.join(", ", e.components()) + ")") + ": " + e.message();
        }
        if (event instanceof MessageDelivered e) {
            return message(e.template(), e.channel(), e.recipient()) + " delivered"
                    + (e.attempts() > 1 ? " after " + e.attempts() + " attempts" : "");
        }
        if (event instanceof MessageFailed e) {
            return message(e.template(), e.channel(), e.recipient()) + " failed (attempt " + e.attempts() + "): " + e.error()
                    + (e.outcomeUnknown() ? "; the receiver may have it" : "")
                    + (e.nextAttemptAt() == null ? "" : "; tried again from " + utc(e.nextAttemptAt()));
        }
        if (event instanceof MessageParked e) {
            return message(e.template(), e.channel(), e.recipient()) + " NOT delivered: parked after " + e.attempts()
                    + " attempts (" + e.error() + ")";
        }
        if (event instanceof MessageRequeued e) {
            return message(e.template(), e.channel(), e.recipient()) + " put back in line: " + Words.requeueReason(e.reason());
        }
        return event.getClass().getSimpleName();
    }

    /** "chat-initial by chat to Platform on-call". */
    private static String message(String template, MessageChannel channel, String recipient) {
        return template + " by " + Words.channel(channel) + " to " + recipient;
    }

    private static String utc(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
