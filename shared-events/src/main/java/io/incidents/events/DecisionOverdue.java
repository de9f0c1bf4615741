package io.incidents.events;

import io.incidents.policy.Recommendation;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A decision-matrix recommendation's "decide by" moment passed with no rollback started and the
 * incident still open (SPEC 5): the responders of the current levels are reminded.
 */
@Revision("1")
public record DecisionOverdue(String incidentId, Recommendation recommendation, Instant decideBy) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return decideBy;
    }
}
