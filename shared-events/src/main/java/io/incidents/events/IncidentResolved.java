package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The incident was resolved. */
@Revision("1")
public record IncidentResolved(String incidentId, String summary, String rootCause, Instant resolvedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return resolvedAt;
    }
}
