package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A responder acknowledged the incident. */
@Revision("1")
public record IncidentAcknowledged(String incidentId, String acknowledgedBy, Instant acknowledgedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return acknowledgedAt;
    }
}
