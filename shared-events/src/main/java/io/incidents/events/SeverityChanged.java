package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The incident's severity was raised or lowered. */
@Revision("1")
public record SeverityChanged(String incidentId, Severity from, Severity to, String reason, Instant changedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
