package io.incidents.timelineservice.sla;

import io.incidents.events.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SLA standing of one incident, as {@link SlaEngine} computes it from the incident's events.
 *
 * @param tta time to acknowledge (declaration to first acknowledgement), {@code null} if never acknowledged
 * @param ttr time to resolve (declaration to final resolution), {@code null} while open
 * @param ttm time to mitigate (declaration to first completed rollback), {@code null} if none completed
 */
public record IncidentSla(String incidentId, String title, List<String> services, Instant declaredAt,
                          Severity severityAtDeclaration, Severity highestSeverity, Severity currentSeverity,
                          Clock acknowledge, Clock resolve, Duration tta, Duration ttr, Duration ttm) {

    public IncidentSla {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(declaredAt, "declaredAt");
        Objects.requireNonNull(severityAtDeclaration, "severityAtDeclaration");
        Objects.requireNonNull(highestSeverity, "highestSeverity");
        Objects.requireNonNull(currentSeverity, "currentSeverity");
        Objects.requireNonNull(acknowledge, "acknowledge");
        Objects.requireNonNull(resolve, "resolve");
        services = services == null ? List.of() : List.copyOf(services);
    }

    public boolean resolved() {
        return !resolve.running();
    }
}
