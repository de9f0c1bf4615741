package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.template.MessageContext;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the public may see it. It deliberately has no field for the internal title,
 * description, service names, people, root cause or resolution summary: what is not here cannot
 * leak onto the page (SPEC 6).
 *
 * @param title      the public title a responder published, or {@link MessageContext#DEFAULT_PUBLIC_TITLE}
 * @param components the affected components as a responder published them (empty if none)
 * @param phase      the current public phase; RESOLVED once resolved
 * @param resolvedAt null while open (including after a reopen)
 * @param updates    its public posts, newest first
 */
record PublicIncident(String incidentId, String title, Severity severity, List<String> components, Phase phase,
                      Instant declaredAt, Instant resolvedAt, List<PublicUpdate> updates) {

    PublicIncident {
        title = title == null ? "" : title;
        components = components == null ? List.of() : List.copyOf(components);
        updates = List.copyOf(updates);
    }

    /** Copies only the public fields of the stored state; updates are attached later. */
    static PublicIncident from(IncidentState state) {
        Phase phase = state.resolved() ? Phase.RESOLVED : Phase.of(state.publicPhase());
        String title = state.publicTitle() == null ? MessageContext.DEFAULT_PUBLIC_TITLE : state.publicTitle();
        return new PublicIncident(state.incidentId(), title, state.severity(), state.publicComponents(), phase,
                state.declaredAt(), state.resolvedAt(), List.of());
    }

    boolean resolved() {
        return resolvedAt != null;
    }

    PublicIncident withUpdates(List<PublicUpdate> newestFirst) {
        return new PublicIncident(incidentId, title, severity, components, phase, declaredAt, resolvedAt, newestFirst);
    }
}
