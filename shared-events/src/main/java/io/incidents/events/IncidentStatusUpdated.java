package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A status-page phase and public message were posted. */
@Revision("1")
public record IncidentStatusUpdated(String incidentId, StatusPagePhase phase, String message, Instant updatedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
