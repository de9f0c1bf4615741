package io.incidents.timelineservice.sla;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.SeverityChanged;
import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Computes an incident's SLA clocks from its events (SPEC section 4). Pure: the same code serves
 * live figures, figures rebuilt by a replay and what-if figures under another {@link SlaPolicy}.
 */
public final class SlaEngine {

    private SlaEngine() {
    }

    /**
     * @param eventsInSequenceOrder every event of one incident in aggregate sequence order, the
     *                              first an {@link IncidentDeclared}; events the SLA does not
     *                              depend on are ignored
     * @param now                   the moment running clocks are judged against
     */
    public static IncidentSla evaluate(List<? extends IncidentEvent> eventsInSequenceOrder, SlaPolicy policy,
                                       Instant now) {
        Objects.requireNonNull(eventsInSequenceOrder, "eventsInSequenceOrder");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        if (eventsInSequenceOrder.isEmpty() || !(eventsInSequenceOrder.get(0) instanceof IncidentDeclared declared)) {
            throw new IllegalArgumentException("an incident's events must start with IncidentDeclared");
        }

        Instant declaredAt = declared.declaredAt();
        Severity current = declared.severity();
        Severity highest = current;
        Instant ackDeadline = declaredAt.plus(policy.targetFor(current).acknowledgeWithin());
        Instant resolveDeadline = declaredAt.plus(policy.targetFor(current).resolveWithin());
        Set<Severity> levelsSet = EnumSet.of(current);

        Instant ackStoppedAt = null;
        Instant firstAck = null;
        Instant resolvedAt = null;
        Instant resolveDeadlineAtResolution = null;
        Instant firstRollbackCompleted = null;

        for (IncidentEvent event : eventsInSequenceOrder.subList(1, eventsInSequenceOrder.size())) {
            if (!declared.incidentId().equals(event.incidentId())) {
                throw new IllegalArgumentException("event of incident " + event.incidentId()
                        + " among the events of incident " + declared.incidentId());
            }
            if (event instanceof SeverityChanged changed) {
                current = changed.to();
                if (current.isMoreSevereThan(highest)) {
                    highest = current;
                }
                // A level's target runs from the moment it was first set: setting it again does not restart it.
                if (levelsSet.add(current)) {
                    if (ackStoppedAt == null) {
                        ackDeadline = earliest(ackDeadline, changed.changedAt().plus(policy.targetFor(current).acknowledgeWithin()));
                    }
                    resolveDeadline = earliest(resolveDeadline, changed.changedAt().plus(policy.targetFor(current).resolveWithin()));
                }
            } else if (event instanceof IncidentAcknowledged acknowledged) {
                if (firstAck == null) {
                    firstAck = acknowledged.acknowledgedAt();
                }
                if (ackStoppedAt == null) {
                    ackStoppedAt = acknowledged.acknowledgedAt();
                }
            } else if (event instanceof IncidentResolved resolved) {
                // Resolving without an acknowledgement also stops the ack clock.
                if (ackStoppedAt == null) {
                    ackStoppedAt = resolved.resolvedAt();
                }
                resolvedAt = resolved.resolvedAt();
                resolveDeadlineAtResolution = resolveDeadline;
            } else if (event instanceof IncidentReopened) {
                resolvedAt = null;
                resolveDeadlineAtResolution = null;
            } else if (event instanceof RollbackCompleted completed && firstRollbackCompleted == null) {
                firstRollbackCompleted = completed.completedAt();
            }
        }

        // A resolved incident's deadline is frozen at its final resolution; an open one's includes every level so far.
        Clock acknowledge = Clock.judge(ackDeadline, ackStoppedAt, now);
        Clock resolve = Clock.judge(resolvedAt != null ? resolveDeadlineAtResolution : resolveDeadline, resolvedAt, now);
        return new IncidentSla(declared.incidentId(), declared.title(), declared.services(), declaredAt,
                declared.severity(), highest, current, acknowledge, resolve,
                since(declaredAt, firstAck), since(declaredAt, resolvedAt), since(declaredAt, firstRollbackCompleted));
    }

    private static Instant earliest(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    private static Duration since(Instant start, Instant end) {
        return end == null ? null : Duration.between(start, end);
    }
}
