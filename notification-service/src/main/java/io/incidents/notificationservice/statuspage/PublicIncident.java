package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import io.incidents.notificationservice.incident.IncidentState;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the public may see it. It deliberately has no field for the description,
 * people, root cause or resolution summary: what is not here cannot leak onto the page.
 *
 * @param phase      the current public phase; RESOLVED once resolved
 * @param resolvedAt null while open (including after a reopen)
 * @param updates    its public posts, newest first
 */
record PublicIncident(String incidentId, String title, Severity severity, List<String> services, Phase phase,
                      Instant declaredAt, Instant resolvedAt, List<PublicUpdate> updates) {

    PublicIncident {
        title = title == null ? "" : title;
        services = services == null ? List.of() : List.copyOf(services);
        updates = List.copyOf(updates);
    }

    /** Copies only the public fields of the stored state; updates are attached later. */
    static PublicIncident from(IncidentState state) {
        Phase phase = state.resolved() ? Phase.RESOLVED : Phase.of(state.publicPhase());
        return new PublicIncident(state.incidentId(), state.title(), state.severity(), state.services(), phase,
                state.declaredAt(), state.resolvedAt(), List.of());
    }

    boolean resolved() {
        return resolvedAt != null;
    }

    PublicIncident withUpdates(List<PublicUpdate> newestFirst) {
        return new PublicIncident(incidentId, title, severity, services, phase, declaredAt, resolvedAt, newestFirst);
    }
}
