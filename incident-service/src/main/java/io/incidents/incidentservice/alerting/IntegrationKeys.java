package io.incidents.incidentservice.alerting;

import io.incidents.support.security.Secrets;

/** Integration keys: {@code ik_} and 32 random bytes, stored only as their SHA-256 (see {@link Secrets}). */
final class IntegrationKeys {

    /** Tells an integration key apart from other secrets, in a config file or a secret scanner. */
    static final String PREFIX = "ik_";

    private IntegrationKeys() {
    }

    static String generate() {
        return Secrets.generate(PREFIX);
    }

    static String sha256Hex(String key) {
        return Secrets.sha256Hex(key);
    }
}
