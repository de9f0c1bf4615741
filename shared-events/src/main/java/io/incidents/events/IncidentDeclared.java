package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An incident was declared, by hand or by an alert integration; {@code recommendation} is the
 * decision matrix's advice when an alert's error rate set the severity (null otherwise).
 */
@Revision("1")
public record IncidentDeclared(String incidentId, String title, String description, Severity severity, List<String> services,
                               IncidentSource source, Instant declaredAt, AlertRecommendation recommendation)
        implements IncidentEvent {

    public IncidentDeclared {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A declaration without a decision-matrix recommendation (by hand, or an alert without an error rate). */
    public IncidentDeclared(String incidentId, String title, String description, Severity severity, List<String> services,
                            IncidentSource source, Instant declaredAt) {
        this(incidentId, title, description, severity, services, source, declaredAt, null);
    }

    @Override
    public Instant occurredAt() {
        return declaredAt;
    }
}
