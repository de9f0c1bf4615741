package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A running rollback failed. */
@Revision("1")
public record RollbackFailed(String incidentId, String rollbackId, String reason, Instant failedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return failedAt;
    }
}
