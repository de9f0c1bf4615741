package io.incidents.incidentservice.alerting;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Finds the integration a key belongs to, comparing SHA-256 hashes in constant time. */
@Component
class Integrations {

    private final AlertingProperties properties;

    Integrations(AlertingProperties properties) {
        this.properties = properties;
        for (AlertingProperties.Integration integration : properties.integrations()) {
            if (integration.name() == null || integration.keySha256() == null
                    || !integration.keySha256().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalStateException("incidents.alerting.integrations: every integration needs a name and the"
                        + " hex SHA-256 of its key (key-sha256), e.g. from: printf %s \"$KEY\" | sha256sum");
            }
        }
    }

    Optional<AlertingProperties.Integration> byKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = sha256(key);
        return properties.integrations().stream()
                .filter(integration -> MessageDigest.isEqual(hash, HexFormat.of().parseHex(integration.keySha256().toLowerCase())))
                .findFirst();
    }

    Optional<AlertingProperties.Integration> byName(String name) {
        return properties.integrations().stream().filter(integration -> integration.name().equals(name)).findFirst();
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
