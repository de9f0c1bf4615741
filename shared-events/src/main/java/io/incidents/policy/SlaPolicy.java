package io.incidents.policy;

import io.incidents.events.Severity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Acknowledge and resolve targets per severity. {@link #DEFAULT} is the incident response
 * plan's table (SPEC section 4); configuration and what-if reports override levels with
 * {@link #with(Severity, SlaTarget)}.
 */
public record SlaPolicy(Map<Severity, SlaTarget> targets) {

    public static final SlaPolicy DEFAULT = new SlaPolicy(Map.of(
            Severity.SEV1, SlaTarget.of(Duration.ofMinutes(5), Duration.ofHours(1)),
            Severity.SEV2, SlaTarget.of(Duration.ofMinutes(15), Duration.ofHours(4)),
            Severity.SEV3, SlaTarget.of(Duration.ofMinutes(30), Duration.ofHours(8)),
            Severity.SEV4, SlaTarget.of(Duration.ofHours(1), Duration.ofHours(24))));

    public SlaPolicy {
        EnumMap<Severity, SlaTarget> copy = new EnumMap<>(Severity.class);
        copy.putAll(targets);
        for (Severity severity : Severity.values()) {
            if (!copy.containsKey(severity)) {
                throw new IllegalArgumentException("no SLA target for " + severity);
            }
        }
        targets = Map.copyOf(copy);
    }

    public SlaTarget targetFor(Severity severity) {
        return targets.get(severity);
    }

    public SlaPolicy with(Severity severity, SlaTarget target) {
        EnumMap<Severity, SlaTarget> copy = new EnumMap<>(targets);
        copy.put(severity, target);
        return new SlaPolicy(copy);
    }
}
