package io.incidents.timelineservice.sla;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.policy.Detection;
import io.incidents.policy.SlaPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one incident's events in sequence order, with times given as offsets from its
 * declaration (negative: before it, as a detection may be).
 */
final class IncidentHistory {

    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

    private final String incidentId;
    private final Instant declaredAt;
    private final List<IncidentEvent> events = new ArrayList<>();
    private Severity severity;

    private IncidentHistory(String incidentId, Severity severity, Instant declaredAt, List<String> services) {
        this(severity, declaredAt, new IncidentDeclared(incidentId, "Incident " + incidentId, "description", severity,
                services, IncidentSource.manual(), declaredAt));
    }

    private IncidentHistory(Severity severity, Instant declaredAt, IncidentDeclared declaration) {
        this.incidentId = declaration.incidentId();
        this.declaredAt = declaredAt;
        this.severity = severity;
        events.add(declaration);
    }

    /** Declared by hand, in an event written before detection was recorded (detection = declaration). */
    static IncidentHistory declared(Severity severity) {
        return declared("INC-1", severity, T0, List.of("checkout"));
    }

    /**
     * Declared with a detection time given {@code given} from the declaration (negative: before
     * it), recorded as incident-service records it: clamped into the 24 h before the declaration.
     */
    static IncidentHistory detected(Duration given, Severity severity) {
        Detection detection = Detection.of(T0.plus(given), T0);
        return new IncidentHistory(severity, T0, new IncidentDeclared("INC-1", "Incident INC-1", "description", severity,
                List.of("checkout"), IncidentSource.manual(), T0, null, detection.detectedAt(), detection.asGiven()));
    }

    /** Declared by an alert that gave no time of its own: detection recorded as the declaration. */
    static IncidentHistory fromAlertWithoutATime(Severity severity) {
        Detection detection = Detection.of(null, T0);
        return new IncidentHistory(severity, T0, new IncidentDeclared("INC-1", "Incident INC-1", "description", severity,
                List.of("checkout"), IncidentSource.alert("alertmanager", "fp-1"), T0, null, detection.detectedAt(),
                detection.asGiven()));
    }

    static IncidentHistory declared(String incidentId, Severity severity, Instant declaredAt, List<String> services) {
        return new IncidentHistory(incidentId, severity, declaredAt, services);
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration minSec(long minutes, long seconds) {
        return Duration.ofMinutes(minutes).plusSeconds(seconds);
    }

    Instant at(Duration sinceDeclaration) {
        return declaredAt.plus(sinceDeclaration);
    }

    IncidentHistory severity(Severity to, Duration at) {
        events.add(new SeverityChanged(incidentId, severity, to, "reassessed", at(at)));
        severity = to;
        return this;
    }

    IncidentHistory ack(Duration at) {
        events.add(new IncidentAcknowledged(incidentId, "oncall", at(at)));
        return this;
    }

    IncidentHistory resolve(Duration at) {
        events.add(new IncidentResolved(incidentId, "fixed", "root cause", at(at)));
        return this;
    }

    IncidentHistory reopen(Duration at) {
        events.add(new IncidentReopened(incidentId, "came back", at(at)));
        return this;
    }

    IncidentHistory rollbackCompleted(String rollbackId, Duration at) {
        events.add(new RollbackCompleted(incidentId, rollbackId, at(at)));
        return this;
    }

    IncidentHistory mitigated(MitigationKind kind, Duration at) {
        events.add(new MitigationApplied(incidentId, "m-" + events.size(), kind, "traffic moved", "oncall", at(at)));
        return this;
    }

    IncidentHistory rollbackFailed(String rollbackId, Duration at) {
        events.add(new RollbackFailed(incidentId, rollbackId, "health check failed", at(at)));
        return this;
    }

    List<IncidentEvent> events() {
        return List.copyOf(events);
    }

    IncidentSla sla(Duration nowSinceDeclaration) {
        return SlaEngine.evaluate(events, SlaPolicy.DEFAULT, at(nowSinceDeclaration));
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
