package io.incidents.support.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens for automation, sent as {@code Authorization: Bearer}. Each is bound to one role and
 * known here only by its SHA-256 (tokens are 32 random bytes, so an unsalted hash is safe and a
 * lookup is one map read). Tokens come from configuration or are issued at run time by an ADMIN
 * and published to every service ({@link #put} / revocation); each use is noted for the
 * "last used" column.
 */
public class ApiTokens {

    /** Issued tokens start with this, so a bearer token is told from a JWT without parsing it. */
    public static final String PREFIX = "itk_";

    /**
     * @param id        stable id (the configured ones are {@code config:<name>})
     * @param expiresAt null: no expiry
     * @param revokedAt null: not revoked
     */
    public record ApiToken(String id, String name, Role role, Instant expiresAt, Instant revokedAt) {

        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();
    private final Clock clock;

    public ApiTokens(IdentityProperties properties, Clock clock) {
        this.clock = clock;
        for (IdentityProperties.Token token : properties.tokens()) {
            if (token.name() == null || token.name().isBlank() || token.sha256() == null
                    || !Secrets.isSha256Hex(token.sha256())) {
                throw new IllegalStateException("incidents.security.tokens: every token needs a name and the hex SHA-256"
                        + " of the token (sha256), e.g. from: printf %s \"$TOKEN\" | sha256sum");
            }
            Role role = Role.parse(token.role()).orElseThrow(() -> new IllegalStateException("incidents.security.tokens: '"
                    + token.name() + "' needs a role: one of VIEWER, RESPONDER, ADMIN, METRICS"));
            byHash.put(token.sha256().toLowerCase(), new ApiToken("config:" + token.name(), token.name(), role, null, null));
        }
    }

    public boolean hasConfiguredTokens() {
        return !byHash.isEmpty();
    }

    /** Adds, replaces or (with {@code revokedAt} set) revokes a token issued at run time. */
    public void put(String sha256, ApiToken token) {
        byHash.put(sha256.toLowerCase(), token);
    }

    public Optional<ApiToken> find(String token) {
        ApiToken found = byHash.get(sha256(token));
        return found != null && found.usableAt(clock.instant()) ? Optional.of(found) : Optional.empty();
    }

    Authentication authenticate(String token) {
        ApiToken found = find(token).orElseThrow(() -> new BadCredentialsException("Unknown, expired or revoked API token."));
        lastUse.put(found.id(), clock.instant());
        return new Authenticated(found);
    }

    /** Uses noted since the last call, by token id; the caller reports them. */
    public Map<String, Instant> drainUses() {
        Map<String, Instant> uses = Map.copyOf(lastUse);
        // Only what was copied: a use noted meanwhile stays for the next report.
        uses.forEach((id, at) -> lastUse.remove(id, at));
        return uses;
    }

    public static String sha256(String token) {
        return Secrets.sha256Hex(token);
    }

    /** An authenticated API token; its name (as {@code token:<name>}) is the actor of what it does. */
    static final class Authenticated extends AbstractAuthenticationToken {
        private final ApiToken token;

        Authenticated(ApiToken token) {
            super(token.role().authorities());
            this.token = token;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return token;
        }

        @Override
        public String getName() {
            return "token:" + token.name();
        }
    }
}
