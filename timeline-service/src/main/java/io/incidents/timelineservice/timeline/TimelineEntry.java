package io.incidents.timelineservice.timeline;

import java.time.Instant;

/**
 * One event in an incident's timeline, with the sentence a responder reads.
 *
 * @param sequence the incident event's sequence number; null for what notification-service did, which has none
 * @param type     the event's type: an incident event's ({@code IncidentAcknowledged}) or a notification event's
 *                 ({@code StatusPosted}, {@code MessageDelivered}, ...)
 * @param actor    who did it; null for notification-service's events
 * @param internal for responders only, never to be shown publicly: a responder's note (finding or hypothesis)
 * @param source   whose event it is: {@value #INCIDENT_SERVICE} (the incident's own events) or
 *                 {@value #NOTIFICATION_SERVICE} (what it actually sent and posted, from {@code notification-events})
 */
public record TimelineEntry(Long sequence, String eventId, String type, Instant at, String actor, String text,
                            boolean internal, String source) {

    public static final String INCIDENT_SERVICE = "incident-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";

    /** Whether this is what notification-service did rather than an incident event. */
    public boolean fromNotificationService() {
        return NOTIFICATION_SERVICE.equals(source);
    }
}
