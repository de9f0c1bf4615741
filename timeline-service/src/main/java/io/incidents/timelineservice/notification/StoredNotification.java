package io.incidents.timelineservice.notification;

import io.incidents.events.notification.NotificationEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One event of {@code notification-events} as the timeline keeps it: what notification-service
 * did about an incident, with the record's {@code ce_id}.
 *
 * @param type the event's simple name ({@code StatusPosted}, ...)
 */
public record StoredNotification(String eventId, String incidentId, String type, Instant occurredAt,
                                 NotificationEvent event) {

    /**
     * By time, then event id: the one order every view of them uses, so the same events give the
     * same document whatever order they arrived or were read in.
     */
    public static final Comparator<StoredNotification> ORDER = Comparator.comparing(StoredNotification::occurredAt)
            .thenComparing(StoredNotification::eventId);

    public static StoredNotification of(String eventId, NotificationEvent event) {
        return new StoredNotification(eventId, event.incidentId(), event.getClass().getSimpleName(), event.occurredAt(), event);
    }

    /** The events in {@link #ORDER}. */
    public static List<StoredNotification> inOrder(Collection<StoredNotification> events) {
        return events.stream().sorted(ORDER).toList();
    }

    /** The events that had happened by {@code asOf} (all of them when it is null), in {@link #ORDER}. */
    public static List<StoredNotification> happenedBy(Collection<StoredNotification> events, Instant asOf) {
        return events.stream().filter(e -> asOf == null || !e.occurredAt().isAfter(asOf)).sorted(ORDER).toList();
    }
}
