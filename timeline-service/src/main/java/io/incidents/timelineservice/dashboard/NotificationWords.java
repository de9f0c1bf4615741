package io.incidents.timelineservice.dashboard;

import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.timelineservice.notification.Communications;
import io.incidents.timelineservice.notification.Words;
import org.springframework.stereotype.Component;

import java.util.List;

/** What notification-service did, in the words the post-mortem uses ({@code @words} in templates). */
@Component("words")
public class NotificationWords {

    public String channel(MessageChannel channel) {
        return Words.channel(channel);
    }

    public String postKind(StatusPostKind kind) {
        return Words.postKind(kind);
    }

    public String people(List<String> people, OnCallSource source) {
        return Words.people(people, source);
    }

    public String undelivered(Communications.Undelivered state) {
        return Words.undelivered(state);
    }

    /** "301 attempts: SMTP connect refused", "(an operator retried it)", with "the receiver may have it" after a timeout. */
    public String detail(Communications.NotDelivered message) {
        StringBuilder detail = new StringBuilder();
        if (message.attempts() > 0) {
            detail.append(message.attempts()).append(message.attempts() == 1 ? " attempt" : " attempts");
        }
        if (message.error() != null) {
            detail.append(detail.isEmpty() ? "" : ": ").append(message.error());
        }
        if (message.state() == Communications.Undelivered.FAILING && message.outcomeUnknown()) {
            detail.append(" (the receiver may have it)");
        }
        if (message.state() == Communications.Undelivered.REQUEUED) {
            detail.append(detail.isEmpty() ? "" : " ").append('(').append(Words.requeueReason(message.requeueReason())).append(')');
        }
        return detail.toString();
    }
}
