package io.incidents.timelineservice.sla;

import io.incidents.events.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SLA standing of one incident, as {@link SlaEngine} computes it from the incident's events.
 *
 * @param detectedAt when the problem was detected, where both clocks and TTA, TTM and TTR start
 *                   (SPEC 4); a state stored before detection was recorded has none, and reads
 *                   as detected when declared, as its events say
 * @param tta        time to acknowledge (detection to first acknowledgement), {@code null} if never acknowledged
 * @param ttr        time to resolve (detection to final resolution), {@code null} while open
 * @param ttm        time to mitigate (detection to the first mitigation of any kind: a completed rollback,
 *                   a quick fix or a workaround), {@code null} if none yet
 */
public record IncidentSla(String incidentId, String title, List<String> services, Instant declaredAt, Instant detectedAt,
                          Severity severityAtDeclaration, Severity highestSeverity, Severity currentSeverity,
                          Clock acknowledge, Clock resolve, Duration tta, Duration ttr, Duration ttm) {

    public IncidentSla {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(declaredAt, "declaredAt");
        if (detectedAt == null) {
            detectedAt = declaredAt;
        }
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
