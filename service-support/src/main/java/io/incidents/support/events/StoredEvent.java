package io.incidents.support.events;

import io.incidents.events.IncidentEvent;

import java.time.Instant;

/**
 * One event as the timeline keeps it: the event itself plus what its Kafka record said about
 * it (id, the incident's sequence number, who did it, which request).
 */
public record StoredEvent(String eventId, String incidentId, long sequence, String type, Instant occurredAt,
                          String actor, String correlationId, IncidentEvent event) {
}
