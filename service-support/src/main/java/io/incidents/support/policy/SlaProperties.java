package io.incidents.support.policy;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.policy.SlaTarget;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * SLA targets per severity, overriding the response plan's defaults level by level:
 * {@code incidents.sla.targets.SEV2.acknowledge-within=10m}. incident-service times escalations
 * with them, timeline-service judges SLAs with them: give both the same values.
 */
@ConfigurationProperties("incidents.sla")
public record SlaProperties(Map<Severity, Target> targets) {

    public record Target(Duration acknowledgeWithin, Duration resolveWithin) {
    }

    public SlaPolicy toPolicy() {
        SlaPolicy policy = SlaPolicy.DEFAULT;
        if (targets != null) {
            for (Map.Entry<Severity, Target> entry : targets.entrySet()) {
                SlaTarget current = policy.targetFor(entry.getKey());
                Target override = entry.getValue();
                policy = policy.with(entry.getKey(), SlaTarget.of(
                        override.acknowledgeWithin() == null ? current.acknowledgeWithin() : override.acknowledgeWithin(),
                        override.resolveWithin() == null ? current.resolveWithin() : override.resolveWithin()));
            }
        }
        return policy;
    }
}
