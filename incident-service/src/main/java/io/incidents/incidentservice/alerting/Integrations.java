package io.incidents.incidentservice.alerting;

import io.incidents.support.security.Secrets;
import io.incidents.incidentservice.incident.ServiceNames;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The integrations alerts may come from: those configured in YAML and those created through the
 * admin API. Finds the one a key belongs to by its SHA-256.
 */
@Component
class Integrations {

    /** Names scope dedup keys and stand as the actor on events: plain and bounded, like service names. */
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final AlertingProperties properties;
    private final StoredIntegrations stored;
    private final List<byte[]> configuredHashes;

    Integrations(AlertingProperties properties, StoredIntegrations stored) {
        this.properties = properties;
        this.stored = stored;
        Set<String> names = new HashSet<>();
        for (AlertingProperties.Integration integration : properties.integrations()) {
            if (integration.name() == null || !integration.name().matches(NAME_PATTERN)
                    || integration.keySha256() == null || !Secrets.isSha256Hex(integration.keySha256())) {
                throw new IllegalStateException("incidents.alerting.integrations: every integration needs a name (letters,"
                        + " digits, . _ -, at most 100) and the hex SHA-256 of its key (key-sha256), e.g. from:"
                        + " printf %s \"$KEY\" | sha256sum");
            }
            if (integration.defaultService() != null && !ServiceNames.isValid(integration.defaultService())) {
                throw new IllegalStateException("incidents.alerting.integrations: the default-service of '" + integration.name()
                        + "' " + ServiceNames.MESSAGE);
            }
            if (!names.add(integration.name())) {
                throw new IllegalStateException("incidents.alerting.integrations: '" + integration.name() + "' is configured twice");
            }
        }
        this.configuredHashes = properties.integrations().stream()
                .map(integration -> HexFormat.of().parseHex(integration.keySha256().toLowerCase())).toList();
    }

    /** Configured keys are compared in constant time; stored ones are looked up in PostgreSQL, so a revocation counts at once. */
    Optional<AlertingProperties.Integration> byKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(key);
        for (int i = 0; i < configuredHashes.size(); i++) {
            if (MessageDigest.isEqual(hash, configuredHashes.get(i))) {
                return Optional.of(properties.integrations().get(i));
            }
        }
        return stored.activeByKeySha256(HexFormat.of().formatHex(hash));
    }

    /** A configured integration by name (the Kafka topic's, say). */
    Optional<AlertingProperties.Integration> configured(String name) {
        return properties.integrations().stream().filter(integration -> integration.name().equals(name)).findFirst();
    }

    List<AlertingProperties.Integration> configured() {
        return properties.integrations();
    }

    /**
     * Names a new integration may not take: a configured one's, or the Kafka topic's, whose dedup
     * streams it would share.
     */
    boolean isReserved(String name) {
        return configured(name).isPresent() || properties.kafkaIntegration().equals(name);
    }
}
