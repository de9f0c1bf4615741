package io.incidents.incidentservice.alerting;

import io.incidents.support.security.FailureThrottle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks integration keys and throttles guessing: a client address that presented too many
 * unknown keys within the window waits until the window ends, valid key or not. A valid key
 * clears its own address's count, no other.
 */
@Component
class KeyGuard {

    private final Integrations integrations;
    private final FailureThrottle failures;

    KeyGuard(Integrations integrations, AlertingProperties properties, Clock clock) {
        this.integrations = integrations;
        this.failures = new FailureThrottle(properties.failedKeyLimit(), properties.failedKeyWindow(), clock);
    }

    /** How long the address must still wait, if it is blocked: to be asked before its key is looked at. */
    Optional<Duration> blockedFor(String address) {
        return failures.blockedFor(address);
    }

    /** The integration of the key; a wrong key counts against the address, a missing one (nothing guessed) does not. */
    Optional<AlertingProperties.Integration> check(String address, String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        Optional<AlertingProperties.Integration> integration = integrations.byKey(key);
        if (integration.isPresent()) {
            failures.succeeded(address);
        } else {
            failures.failed(address);
        }
        return integration;
    }
}
