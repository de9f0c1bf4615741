package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * A rollback was still running when its procedure's expected upper bound passed (SPEC 5): marked
 * live and told once to the current levels. {@code expectedWithin} is that bound.
 */
@Revision("1")
public record RollbackOverran(String incidentId, String rollbackId, RollbackProcedure procedure, Duration expectedWithin,
                              Instant overranAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return overranAt;
    }
}
