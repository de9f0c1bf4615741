package io.incidents.incidentservice.alerting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Integration keys: 32 random bytes, so an unsalted SHA-256 is all that needs storing (nobody can
 * search a space of 2^256 from the hash), URL-safe so they fit a header or a Grafana URL as they are.
 */
final class IntegrationKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;
    /** Tells an integration key apart from other secrets, in a config file or a secret scanner. */
    static final String PREFIX = "ik_";

    private IntegrationKeys() {
    }

    static String generate() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }
}
