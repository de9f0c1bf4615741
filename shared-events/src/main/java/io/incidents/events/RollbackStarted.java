package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A rollback began under one of the procedures A to D. */
@Revision("1")
public record RollbackStarted(String incidentId, String rollbackId, RollbackProcedure procedure, List<String> services,
                              String targetVersion, String reason, Instant startedAt) implements IncidentEvent {

    public RollbackStarted {
        services = services == null ? List.of() : List.copyOf(services);
    }

    @Override
    public Instant occurredAt() {
        return startedAt;
    }
}
