package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** An incident was declared, by hand or by an alert integration. */
@Revision("1")
public record IncidentDeclared(String incidentId, String title, String description, Severity severity, List<String> services,
                               IncidentSource source, Instant declaredAt) implements IncidentEvent {

    public IncidentDeclared {
        services = services == null ? List.of() : List.copyOf(services);
    }

    @Override
    public Instant occurredAt() {
        return declaredAt;
    }
}
