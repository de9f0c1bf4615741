package io.incidents.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Who may call a service and how ({@code incidents.security.*}). An OpenID Connect provider is
 * set with Spring's own {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}; these are
 * the rest.
 *
 * @param rolesClaim            the JWT claim that carries the roles (a list, or a space-separated text)
 * @param users                 HTTP Basic logins, each with a BCrypt hash and one role
 * @param tokens                API tokens fixed in configuration (a Prometheus scrape, a bootstrap admin), each
 *                              stored as the SHA-256 of the token; more are created at run time by an ADMIN
 * @param publicPaths           extra paths served without any login (a public status page, alert endpoints that
 *                              check their own integration keys)
 * @param loginCacheTtl         how long a successful Basic login is remembered, so only the first request pays
 *                              the BCrypt hash
 * @param failedLoginsPerUser   failed Basic logins one user name may see per window before it gets 429
 * @param failedLoginsPerAddress failed Basic logins one client address may cause per window
 * @param failedLoginWindow     the throttle's window
 * @param anonymousRole         a role callers without any login get (like Grafana's anonymous access): for a
 *                              read-only wall display or the benchmark's unauthenticated baseline; unset by default
 */
@ConfigurationProperties("incidents.security")
public record IdentityProperties(
        @DefaultValue("roles") String rolesClaim,
        List<User> users,
        List<Token> tokens,
        List<String> publicPaths,
        @DefaultValue("60s") Duration loginCacheTtl,
        @DefaultValue("5") int failedLoginsPerUser,
        @DefaultValue("20") int failedLoginsPerAddress,
        @DefaultValue("1m") Duration failedLoginWindow,
        String anonymousRole) {

    /** A Basic login: {@code incidents.security.users[0].username / password-hash / role}. */
    public record User(String username, String passwordHash, String role) {
    }

    /** A configured API token: {@code incidents.security.tokens[0].name / sha256 / role}. */
    public record Token(String name, String sha256, String role) {
    }

    public IdentityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
