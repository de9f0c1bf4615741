package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An alert was grouped into an existing open incident (same integration and dedup key). */
@Revision("1")
public record AlertReceived(String incidentId, String integration, String dedupKey, String summary,
                            Severity alertSeverity, Instant receivedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
