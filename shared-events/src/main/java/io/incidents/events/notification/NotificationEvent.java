package io.incidents.events.notification;

import java.time.Instant;

/**
 * What notification-service actually did about an incident, published on the topic
 * {@code notification-events} (SPEC 2): who it told at each escalation level, each message
 * delivered, failing (and so retried), parked or put back in line, and each status-page post.
 * Key = incident id; CloudEvents headers as on {@code incident-events}, with
 * {@code ce_type = notification.<Name>.v<revision>} and {@code ce_source = /notification-service}.
 * timeline-service reads them for the post-mortem's communications and escalations, the
 * timeline and the dashboard. Not a command-side event: {@link io.incidents.events.IncidentEvent}
 * consumers never see one.
 */
public sealed interface NotificationEvent
        permits LevelTold, MessageDelivered, MessageFailed, MessageParked, MessageRequeued, StatusPosted {

    String incidentId();

    /** The id of the incident event that called for it ({@code ce_id} on {@code incident-events}). */
    String causeEventId();

    /** When it happened (UTC). */
    Instant occurredAt();
}
