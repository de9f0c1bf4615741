package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A resolved incident was reopened. */
@Revision("1")
public record IncidentReopened(String incidentId, String reason, Instant reopenedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return reopenedAt;
    }
}
