package io.incidents.incidentservice.apitoken;

import io.incidents.support.security.Role;
import io.incidents.support.security.apitokens.TokenState;

import java.time.Instant;

/** A row of {@code api_token}: an issued token as this service keeps it, by its hash only. */
record StoredToken(String id, String name, Role role, String sha256, String createdBy, Instant createdAt,
                   Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    StoredToken revoked(Instant at, String by) {
        return new StoredToken(id, name, role, sha256, createdBy, createdAt, expiresAt, at, by, lastUsedAt);
    }

    /** What every service is told. */
    TokenState state() {
        return new TokenState(id, name, role, sha256, expiresAt, revokedAt);
    }

    /** For the audit log: the id and the name, never the token or its hash. */
    String auditTarget() {
        return "api-token " + id + " (" + name + ")";
    }
}
