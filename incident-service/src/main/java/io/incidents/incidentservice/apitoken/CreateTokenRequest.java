package io.incidents.incidentservice.apitoken;

import io.incidents.support.security.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;

/**
 * {@code POST /api/v1/admin/tokens}.
 *
 * @param name      shown in lists and as the actor ({@code token:<name>}) of what the token does
 * @param role      the one role the token has
 * @param expiresAt optional; in the future and at most {@code incidents.api-tokens.max-lifetime} (365 days) ahead
 */
record CreateTokenRequest(
        @NotNull
        @Pattern(regexp = NAME, message = "must be 1 to 100 letters, digits, '.', '_', '-' or spaces, not starting or ending with a space")
        String name,
        @NotNull(message = "must be one of VIEWER, RESPONDER, ADMIN, METRICS")
        Role role,
        Instant expiresAt) {

    static final String NAME = "[A-Za-z0-9._-]([A-Za-z0-9._ -]{0,98}[A-Za-z0-9._-])?";
}
