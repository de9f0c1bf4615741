package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A responder published a status-page phase and public message (SPEC 6). {@code publicTitle} and
 * {@code components} are what customers see instead of the internal title and service names;
 * null when this update does not change them (the latest given stay in force).
 */
@Revision("1")
public record IncidentStatusUpdated(String incidentId, StatusPagePhase phase, String message, Instant updatedAt,
                                    String publicTitle, List<String> components) implements IncidentEvent {

    public IncidentStatusUpdated {
        components = components == null ? null : List.copyOf(components);
    }

    /** An update that keeps the public title and components already published. */
    public IncidentStatusUpdated(String incidentId, StatusPagePhase phase, String message, Instant updatedAt) {
        this(incidentId, phase, message, updatedAt, null, null);
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
