package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An alert was grouped into an existing open incident (same integration and dedup key).
 * {@code alertSeverity} is what the alert itself says (its severity, error rate or outage flag),
 * null when it says nothing; {@code recommendation} the decision matrix's advice when it carries
 * an error rate or an outage flag (null otherwise, and in events written before it was recorded).
 */
@Revision("1")
public record AlertReceived(String incidentId, String integration, String dedupKey, String summary,
                            Severity alertSeverity, Instant receivedAt, AlertRecommendation recommendation)
        implements IncidentEvent {

    public AlertReceived(String incidentId, String integration, String dedupKey, String summary, Severity alertSeverity,
                         Instant receivedAt) {
        this(incidentId, integration, dedupKey, summary, alertSeverity, receivedAt, null);
    }

    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
