package io.incidents.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Who may log in: users with BCrypt password hashes, from configuration
 * ({@code incidents.security.users[0].username}, {@code ...password-hash}). No users, no logins.
 *
 * @param publicPaths extra paths served without a login (a public status page, say)
 */
@ConfigurationProperties("incidents.security")
public record LoginProperties(List<User> users, List<String> publicPaths) {

    public record User(String username, String passwordHash) {
    }

    public LoginProperties {
        users = users == null ? List.of() : List.copyOf(users);
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
