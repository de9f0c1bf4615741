package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An incident was declared, by hand or by an alert integration; {@code recommendation} is the
 * decision matrix's advice when an alert's error rate set the severity (null otherwise).
 * {@code detectedAt} is when the problem was detected, the moment the SLA clocks start from (SPEC
 * 4): the alert's own start or a time the responder gave, within the 24 hours before the
 * declaration; {@code detectedAtAsGiven} is the value given when it had to be clamped into that
 * range (null otherwise). Events written before detection was recorded have neither: their
 * detection is their declaration ({@link #detection()}). A {@code drill} (the plan's simulations)
 * behaves normally for responders but is left out of SLA reports, the status page and support.
 */
@Revision("1")
public record IncidentDeclared(String incidentId, String title, String description, Severity severity, List<String> services,
                               IncidentSource source, Instant declaredAt, AlertRecommendation recommendation,
                               Instant detectedAt, Instant detectedAtAsGiven, boolean drill)
        implements IncidentEvent {

    public IncidentDeclared {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A real incident (not a drill). */
    public IncidentDeclared(String incidentId, String title, String description, Severity severity, List<String> services,
                            IncidentSource source, Instant declaredAt, AlertRecommendation recommendation,
                            Instant detectedAt, Instant detectedAtAsGiven) {
        this(incidentId, title, description, severity, services, source, declaredAt, recommendation, detectedAt,
                detectedAtAsGiven, false);
    }

    /** A declaration detected when it was declared, with the decision matrix's advice if any. */
    public IncidentDeclared(String incidentId, String title, String description, Severity severity, List<String> services,
                            IncidentSource source, Instant declaredAt, AlertRecommendation recommendation) {
        this(incidentId, title, description, severity, services, source, declaredAt, recommendation, null, null);
    }

    /** A declaration without a decision-matrix recommendation (by hand, or an alert without an error rate). */
    public IncidentDeclared(String incidentId, String title, String description, Severity severity, List<String> services,
                            IncidentSource source, Instant declaredAt) {
        this(incidentId, title, description, severity, services, source, declaredAt, null);
    }

    /** When the SLA clocks start: the recorded detection, or the declaration for events that have none. */
    public Instant detection() {
        return detectedAt != null ? detectedAt : declaredAt;
    }

    @Override
    public Instant occurredAt() {
        return declaredAt;
    }
}
