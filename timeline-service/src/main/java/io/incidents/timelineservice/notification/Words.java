package io.incidents.timelineservice.notification;

import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageRequeued;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;

import java.util.List;

/** How the timeline, the post-mortem and the room put what notification-service did into words. */
public final class Words {

    private Words() {
    }

    /** "chat", "email", "webhook". */
    public static String channel(MessageChannel channel) {
        return channel == null ? "an unknown channel" : switch (channel) {
            case CHAT -> "chat";
            case EMAIL -> "email";
            case WEBHOOK -> "webhook";
        };
    }

    /** Where the people told came from: "on-call schedule", "schedule override", ... */
    public static String source(OnCallSource source) {
        return source == null ? "unknown source" : switch (source) {
            case SCHEDULE -> "on-call schedule";
            case OVERRIDE -> "schedule override";
            case CONTACTS -> "configured contacts";
            case NOBODY -> "nobody: its messages went to the next level up";
        };
    }

    /** "Alice Example, Ravi Shah (on-call schedule)", or "nobody (its messages went to the next level up)". */
    public static String people(List<String> people, OnCallSource source) {
        if (source == OnCallSource.NOBODY || people.isEmpty()) {
            return "nobody (" + (source == OnCallSource.NOBODY ? "its messages went to the next level up" : source(source)) + ")";
        }
        return String.join(", ", people) + " (" + source(source) + ")";
    }

    /** "Investigating", "Offline", ... */
    public static String postKind(StatusPostKind kind) {
        if (kind == null) {
            return "Update";
        }
        String lower = kind.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** "still failing", "parked", "put back in line". */
    public static String undelivered(Communications.Undelivered state) {
        return switch (state) {
            case FAILING -> "still failing";
            case PARKED -> "parked";
            case REQUEUED -> "put back in line";
        };
    }

    /** "an operator retried it", "its destination works again". */
    public static String requeueReason(MessageRequeued.Reason reason) {
        return reason == null ? "retried" : switch (reason) {
            case OPERATOR_RETRY -> "an operator retried it";
            case DESTINATION_RECOVERED -> "its destination works again";
        };
    }
}
