package io.incidents.notificationservice.outbox;

import java.util.UUID;

/**
 * One event waiting in the outbox.
 *
 * @param eventId   its {@code ce_id}
 * @param eventType its {@code ce_type}
 * @param payload   the event as JSON
 * @param eventTime its {@code ce_time}: the event's time as its JSON has it
 */
record OutboxRow(long id, UUID eventId, String incidentId, String eventType, String payload, String eventTime) {
}
