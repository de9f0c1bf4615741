package io.incidents.timelineservice.sla;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.MitigationApplied;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.SeverityChanged;
import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes an incident's SLA clocks from its events (SPEC section 4). Pure: the same code serves
 * live figures, figures rebuilt by a replay and what-if figures under another {@link SlaPolicy}.
 * It reads the events into {@link SlaFacts}, which do not depend on the targets, and judges those.
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
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        return facts(eventsInSequenceOrder).judge(policy, now);
    }

    /** What the events say about the clocks, before any targets are applied. */
    public static SlaFacts facts(List<? extends IncidentEvent> eventsInSequenceOrder) {
        Objects.requireNonNull(eventsInSequenceOrder, "eventsInSequenceOrder");
        if (eventsInSequenceOrder.isEmpty() || !(eventsInSequenceOrder.get(0) instanceof IncidentDeclared declared)) {
            throw new IllegalArgumentException("an incident's events must start with IncidentDeclared");
        }

        // Both clocks start at detection (SPEC 4): the level at declaration counts as set then.
        Instant detectedAt = declared.detection();
        Severity current = declared.severity();
        Severity highest = current;
        // A level's target runs from the moment it was first set: setting it again does not restart it.
        Map<Severity, Instant> firstSet = new EnumMap<>(Map.of(current, detectedAt));
        Map<Severity, Instant> ackLevels = new EnumMap<>(firstSet);
        Map<Severity, Instant> levelsAtResolution = null;

        Instant ackStoppedAt = null;
        Instant firstAck = null;
        Instant resolvedAt = null;
        Instant firstMitigation = null;

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
                if (firstSet.putIfAbsent(current, changed.changedAt()) == null && ackStoppedAt == null) {
                    ackLevels.put(current, changed.changedAt());
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
                levelsAtResolution = new EnumMap<>(firstSet);
            } else if (event instanceof IncidentReopened) {
                resolvedAt = null;
                levelsAtResolution = null;
            } else if (event instanceof RollbackCompleted completed) {
                firstMitigation = earlier(firstMitigation, completed.completedAt());
            } else if (event instanceof MitigationApplied mitigated) {
                // A quick fix or a workaround mitigates as a completed rollback does: TTM counts whichever came first.
                firstMitigation = earlier(firstMitigation, mitigated.appliedAt());
            }
        }

        // A resolved incident's deadline is frozen at its final resolution; an open one's includes every level so far.
        return new SlaFacts(declared.incidentId(), declared.title(), declared.services(), declared.declaredAt(), detectedAt,
                declared.severity(), highest, current, ackLevels, resolvedAt != null ? levelsAtResolution : firstSet,
                ackStoppedAt, resolvedAt, firstAck, firstMitigation);
    }

    private static Instant earlier(Instant known, Instant candidate) {
        return known == null || candidate.isBefore(known) ? candidate : known;
    }
}
