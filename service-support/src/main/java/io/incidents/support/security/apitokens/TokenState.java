package io.incidents.support.security.apitokens;

import io.incidents.support.security.Secrets;
import io.incidents.support.security.ApiTokens;
import io.incidents.support.security.Role;

import java.time.Instant;

/**
 * What every service needs to know about one issued API token: the value of its record on the
 * tokens topic (key = {@link #id}). Holds the token's SHA-256, never the token itself.
 *
 * @param expiresAt null: no expiry
 * @param revokedAt null: not revoked
 */
public record TokenState(String id, String name, Role role, String sha256, Instant expiresAt, Instant revokedAt) {

    public static TokenState fromJson(String json) {
        return TokenJson.read(json, TokenState.class);
    }

    public String toJson() {
        return TokenJson.write(this);
    }

    public TokenState revoked(Instant at) {
        return revokedAt != null ? this : new TokenState(id, name, role, sha256, expiresAt, at);
    }

    ApiTokens.ApiToken toApiToken() {
        return new ApiTokens.ApiToken(id, name, role, expiresAt, revokedAt);
    }

    /** Why this record cannot be trusted as the state of token {@code key}, or null when it can. */
    String problemAsStateOf(String key) {
        if (id == null || !id.equals(key)) {
            return "its id differs from the record key";
        }
        if (id.startsWith("config:")) {
            return "ids starting with config: belong to tokens set in configuration";
        }
        if (sha256 == null || !Secrets.isSha256Hex(sha256)) {
            return "sha256 is not a hex SHA-256";
        }
        if (name == null || name.isBlank()) {
            return "it has no name";
        }
        if (role == null) {
            return "it has no role";
        }
        return null;
    }
}
