package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A running rollback finished successfully. */
@Revision("1")
public record RollbackCompleted(String incidentId, String rollbackId, Instant completedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return completedAt;
    }
}
