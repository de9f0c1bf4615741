package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A person took a response role. */
@Revision("1")
public record RoleAssigned(String incidentId, IncidentRole role, String person, Instant assignedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return assignedAt;
    }
}
