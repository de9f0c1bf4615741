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
 */
public record IncidentState(String incidentId, String title, String description, Severity severity, List<String> services,
                            Instant declaredAt, int toldLevel, StatusPagePhase publicPhase, String publicMessage,
                            boolean acknowledged, String acknowledgedBy, Instant resolvedAt, String resolution) {

    public boolean resolved() {
        return resolvedAt != null;
    }
}
