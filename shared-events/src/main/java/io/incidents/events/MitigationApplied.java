package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The incident's impact was mitigated other than by a rollback: a quick fix or a workaround (the
 * plan's mitigation phase). Time to mitigate counts the first mitigation of any kind, this or a
 * completed rollback (SPEC 4).
 */
@Revision("1")
public record MitigationApplied(String incidentId, String mitigationId, MitigationKind kind, String description,
                                String appliedBy, Instant appliedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return appliedAt;
    }
}
