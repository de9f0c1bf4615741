package io.incidents.notificationservice.incident;

import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;

import java.time.Instant;
import java.util.List;

/**
 * What notifications are rendered from: an incident as its events say it stands.
 *
 * @param toldLevel        the highest escalation level told so far (0 = nobody; SEV4 is logged only)
 * @param publicPhase      the status-page phase, null once resolved
 * @param publicMessage    the last public status message, if any
 * @param resolution       the resolution summary (internal), null while open
 * @param drill            a drill: responders are told as usual, the public and support never
 * @param highestSeverity  the most severe level it has had, which decides whether support was told
 * @param publicTitle      the title customers see, as a responder last published it; null if none was given
 * @param publicComponents the affected components customers see, as last published; empty if none were given
 * @param published        a responder has put it on the status page (SPEC 6): it stays there from then on
 */
public record IncidentState(String incidentId, String title, String description, Severity severity, List<String> services,
                            Instant declaredAt, int toldLevel, StatusPagePhase publicPhase, String publicMessage,
                            boolean acknowledged, String acknowledgedBy, Instant resolvedAt, String resolution,
                            boolean drill, Severity highestSeverity, String publicTitle, List<String> publicComponents,
                            boolean published) {

    public IncidentState {
        services = services == null ? List.of() : List.copyOf(services);
        publicComponents = publicComponents == null ? List.of() : List.copyOf(publicComponents);
        // States stored before these were kept read as never more severe than now.
        highestSeverity = highestSeverity == null ? severity : highestSeverity;
    }

    public boolean resolved() {
        return resolvedAt != null;
    }
}
