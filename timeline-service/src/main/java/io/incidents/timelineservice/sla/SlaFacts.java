package io.incidents.timelineservice.sla;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an incident's events say about its SLA clocks, whatever the targets: when each severity
 * level was first set while each clock ran, and where the clocks stopped. {@link #judge} turns
 * them into deadlines and verdicts under a policy, so the facts are kept per incident and any
 * policy (the configured one, a what-if) is applied when reading.
 *
 * @param declaredAt        the declaration, what a report's period selects by
 * @param detectedAt        when the problem was detected, where both clocks start (SPEC 4): the level
 *                          at declaration counts as set then, and TTA, TTM and TTR run from it
 * @param ackLevelsFrom     each level first set while the acknowledge clock ran, with when
 * @param resolveLevelsFrom each level first set before the final resolution (every level so far while open)
 * @param ackStoppedAt      first acknowledgement, or resolution if that came first; null while running
 * @param resolvedAt        final resolution; null while open (also after a reopen)
 * @param firstAck          first explicit acknowledgement, for TTA
 * @param firstMitigation   first mitigation of any kind, for TTM: the earlier of the first completed
 *                          rollback and the first quick fix or workaround applied
 */
public record SlaFacts(String incidentId, String title, List<String> services, Instant declaredAt, Instant detectedAt,
                       Severity severityAtDeclaration, Severity highestSeverity, Severity currentSeverity,
                       Map<Severity, Instant> ackLevelsFrom, Map<Severity, Instant> resolveLevelsFrom,
                       Instant ackStoppedAt, Instant resolvedAt, Instant firstAck, Instant firstMitigation) {

    public SlaFacts {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(declaredAt, "declaredAt");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(severityAtDeclaration, "severityAtDeclaration");
        Objects.requireNonNull(highestSeverity, "highestSeverity");
        Objects.requireNonNull(currentSeverity, "currentSeverity");
        if (ackLevelsFrom.isEmpty() || resolveLevelsFrom.isEmpty()) {
            throw new IllegalArgumentException("the level at declaration runs both clocks");
        }
        services = services == null ? List.of() : List.copyOf(services);
        ackLevelsFrom = Map.copyOf(ackLevelsFrom);
        resolveLevelsFrom = Map.copyOf(resolveLevelsFrom);
    }

    /**
     * Deadlines and verdicts under {@code policy}: a clock's deadline is the earliest of (when a
     * level was first set + that level's target) over the levels set while it ran (SPEC 4).
     */
    public IncidentSla judge(SlaPolicy policy, Instant now) {
        Instant ackDeadline = earliest(ackLevelsFrom, level -> policy.targetFor(level).acknowledgeWithin());
        Instant resolveDeadline = earliest(resolveLevelsFrom, level -> policy.targetFor(level).resolveWithin());
        return new IncidentSla(incidentId, title, services, declaredAt, detectedAt, severityAtDeclaration, highestSeverity,
                currentSeverity, Clock.judge(ackDeadline, ackStoppedAt, now), Clock.judge(resolveDeadline, resolvedAt, now),
                tta(), ttr(), since(firstMitigation));
    }

    /** Time to acknowledge (detection to first acknowledgement), null if never acknowledged. */
    public Duration tta() {
        return since(firstAck);
    }

    /** Time to resolve (detection to final resolution), null while open. */
    public Duration ttr() {
        return since(resolvedAt);
    }

    private static Instant earliest(Map<Severity, Instant> levelsFrom, Function<Severity, Duration> target) {
        Instant earliest = null;
        for (Map.Entry<Severity, Instant> level : levelsFrom.entrySet()) {
            Instant deadline = level.getValue().plus(target.apply(level.getKey()));
            if (earliest == null || deadline.isBefore(earliest)) {
                earliest = deadline;
            }
        }
        return earliest;
    }

    /** From detection, not declaration: the plan measures "detection to ack" (SPEC 4). */
    private Duration since(Instant end) {
        return end == null ? null : Duration.between(detectedAt, end);
    }
}
