package io.incidents.support.database;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The schema owner's connections ({@link DatabaseOwner}) and, when the owner is another login than
 * the runtime role, Flyway migrating as the owner and then granting the runtime role what it needs
 * (the afterMigrate scripts under {@value #RUNTIME_ROLE_SCRIPTS}, with the runtime role as the
 * placeholder {@code runtime_role}). With one role, Flyway runs exactly as Spring Boot sets it up.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(DatabaseOwnerProperties.class)
public class DatabaseOwnerConfiguration {

    /** The grant scripts: service-support's for every service, a service's own after it (afterMigrate__2_...). */
    public static final String RUNTIME_ROLE_SCRIPTS = "classpath:db/runtime-role";

    @Bean
    DatabaseOwner databaseOwner(DataSource dataSource, DatabaseOwnerProperties properties) {
        return new DatabaseOwner(dataSource, properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flyway.class)
    static class MigrateAsOwner {

        @Bean
        FlywayConfigurationCustomizer migrateAsSchemaOwner(DatabaseOwner owner) {
            return configuration -> {
                if (!owner.separate()) {
                    return;
                }
                String runtimeRole = owner.runtimeRole();
                if (runtimeRole.contains("'")) {
                    throw new IllegalStateException("the runtime role's name cannot be quoted in the grant scripts: " + runtimeRole);
                }
                configuration.dataSource(owner.dataSource());
                configuration.locations(Stream.concat(Arrays.stream(configuration.getLocations()),
                        Stream.of(new Location(RUNTIME_ROLE_SCRIPTS))).toArray(Location[]::new));
                Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
                placeholders.put("runtime_role", runtimeRole);
                configuration.placeholders(placeholders);
            };
        }
    }
}
