package io.incidents.notificationservice.incident;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.SeverityChanged;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.EscalationPolicy;

import java.time.Instant;
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
                false, null, null, null, declared.drill(), declared.severity(), null, List.of(), false);
        for (IncidentEvent event : events.subList(1, events.size())) {
            state = apply(state, event);
        }
        return Optional.of(state);
    }

    /** The state after one more event. */
    public static IncidentState apply(IncidentState s, IncidentEvent event) {
        Fold next = new Fold(s);
        if (event instanceof SeverityChanged e) {
            next.severity = e.to();
            next.toldLevel = Math.max(s.toldLevel(), EscalationPolicy.DEFAULT.levelAtDeclaration(e.to()));
            if (e.to().isMoreSevereThan(s.highestSeverity())) {
                next.highestSeverity = e.to();
            }
        } else if (event instanceof IncidentEscalated e) {
            next.toldLevel = Math.max(s.toldLevel(), e.level());
        } else if (event instanceof IncidentStatusUpdated e) {
            next.publicPhase = e.phase();
            next.publicMessage = e.message();
            if (e.publicTitle() != null) {
                next.publicTitle = e.publicTitle();
            }
            if (e.components() != null) {
                next.publicComponents = e.components();
            }
            next.published = !s.drill();
        } else if (event instanceof RollbackStarted e && e.procedure() == RollbackProcedure.D) {
            // Procedure D posts to the status page itself (SPEC 5).
            next.published = !s.drill();
        } else if (event instanceof IncidentAcknowledged e && !s.acknowledged()) {
            next.acknowledged = true;
            next.acknowledgedBy = e.acknowledgedBy();
        } else if (event instanceof IncidentResolved e) {
            next.publicPhase = null;
            next.resolvedAt = e.resolvedAt();
            next.resolution = e.summary();
        } else if (event instanceof IncidentReopened) {
            next.publicPhase = StatusPagePhase.INVESTIGATING;
            next.resolvedAt = null;
            next.resolution = null;
        } else {
            return s;
        }
        return next.state();
    }

    /** The fields an event may change, copied from the state before it. */
    private static final class Fold {
        private final IncidentState before;
        Severity severity;
        int toldLevel;
        StatusPagePhase publicPhase;
        String publicMessage;
        boolean acknowledged;
        String acknowledgedBy;
        Instant resolvedAt;
        String resolution;
        Severity highestSeverity;
        String publicTitle;
        List<String> publicComponents;
        boolean published;

        Fold(IncidentState s) {
            before = s;
            severity = s.severity();
            toldLevel = s.toldLevel();
            publicPhase = s.publicPhase();
            publicMessage = s.publicMessage();
            acknowledged = s.acknowledged();
            acknowledgedBy = s.acknowledgedBy();
            resolvedAt = s.resolvedAt();
            resolution = s.resolution();
            highestSeverity = s.highestSeverity();
            publicTitle = s.publicTitle();
            publicComponents = s.publicComponents();
            published = s.published();
        }

        IncidentState state() {
            return new IncidentState(before.incidentId(), before.title(), before.description(), severity, before.services(),
                    before.declaredAt(), toldLevel, publicPhase, publicMessage, acknowledged, acknowledgedBy, resolvedAt,
                    resolution, before.drill(), highestSeverity, publicTitle, publicComponents, published);
        }
    }
}
