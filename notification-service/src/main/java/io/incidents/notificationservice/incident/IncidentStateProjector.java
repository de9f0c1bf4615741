package io.incidents.notificationservice.incident;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.EscalationPolicy;

import java.util.List;
import java.util.Optional;

/** Folds an incident's events, in sequence order, into its {@link IncidentState}. Pure. */
public final class IncidentStateProjector {

    private IncidentStateProjector() {
    }

    public static Optional<IncidentState> project(List<IncidentEvent> events) {
        if (events.isEmpty() || !(events.get(0) instanceof IncidentDeclared declared)) {
            return Optional.empty();
        }
        IncidentState state = new IncidentState(declared.incidentId(), declared.title(), declared.description(),
                declared.severity(), declared.services(), declared.declaredAt(),
                EscalationPolicy.DEFAULT.levelAtDeclaration(declared.severity()), StatusPagePhase.INVESTIGATING, null,
                false, null, null, null);
        for (IncidentEvent event : events.subList(1, events.size())) {
            state = apply(state, event);
        }
        return Optional.of(state);
    }

    /** The state after one more event. */
    public static IncidentState apply(IncidentState s, IncidentEvent event) {
        if (event instanceof SeverityChanged e) {
            int told = Math.max(s.toldLevel(), EscalationPolicy.DEFAULT.levelAtDeclaration(e.to()));
            return new IncidentState(s.incidentId(), s.title(), s.description(), e.to(), s.services(), s.declaredAt(), told,
                    s.publicPhase(), s.publicMessage(), s.acknowledged(), s.acknowledgedBy(), s.resolvedAt(), s.resolution());
        }
        if (event instanceof IncidentEscalated e) {
            return new IncidentState(s.incidentId(), s.title(), s.description(), s.severity(), s.services(), s.declaredAt(),
                    Math.max(s.toldLevel(), e.level()), s.publicPhase(), s.publicMessage(), s.acknowledged(),
                    s.acknowledgedBy(), s.resolvedAt(), s.resolution());
        }
        if (event instanceof IncidentStatusUpdated e) {
            return new IncidentState(s.incidentId(), s.title(), s.description(), s.severity(), s.services(), s.declaredAt(),
                    s.toldLevel(), e.phase(), e.message(), s.acknowledged(), s.acknowledgedBy(), s.resolvedAt(), s.resolution());
        }
        if (event instanceof IncidentAcknowledged e && !s.acknowledged()) {
            return new IncidentState(s.incidentId(), s.title(), s.description(), s.severity(), s.services(), s.declaredAt(),
                    s.toldLevel(), s.publicPhase(), s.publicMessage(), true, e.acknowledgedBy(), s.resolvedAt(), s.resolution());
        }
        if (event instanceof IncidentResolved e) {
            return new IncidentState(s.incidentId(), s.title(), s.description(), s.severity(), s.services(), s.declaredAt(),
                    s.toldLevel(), null, s.publicMessage(), s.acknowledged(), s.acknowledgedBy(), e.resolvedAt(), e.summary());
        }
        if (event instanceof IncidentReopened) {
            return new IncidentState(s.incidentId(), s.title(), s.description(), s.severity(), s.services(), s.declaredAt(),
                    s.toldLevel(), StatusPagePhase.INVESTIGATING, s.publicMessage(), s.acknowledged(), s.acknowledgedBy(),
                    null, null);
        }
        return s;
    }
}
