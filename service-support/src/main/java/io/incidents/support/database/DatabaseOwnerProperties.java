package io.incidents.support.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The login that owns the service's schema, when it is not the one the service runs as
 * ({@code spring.datasource.username}): Flyway's migrations and timeline-service's replay table
 * swap connect as it, everything else as the runtime role (docs/deploy-postgres.md).
 *
 * @param user     the owner's login; empty (the default): one role does everything, as the local stack
 * @param password its password
 */
@ConfigurationProperties("incidents.database.owner")
public record DatabaseOwnerProperties(String user, String password) {

    public boolean configured() {
        return user != null && !user.isBlank();
    }
}
