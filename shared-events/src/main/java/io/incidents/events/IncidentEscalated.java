package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The incident was escalated to a higher level (1 on-call engineer .. 4 CTO); {@code note} is
 * the responder's words for a manual escalation, null for a timer.
 */
@Revision("1")
public record IncidentEscalated(String incidentId, int level, EscalationReason reason, String note, Instant escalatedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return escalatedAt;
    }
}
