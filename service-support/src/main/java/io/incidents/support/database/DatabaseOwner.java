package io.incidents.support.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Connections as the schema's owner, for the few statements the service's runtime role may not
 * run: Flyway's migrations and timeline-service's replay (CREATE, ALTER ... RENAME, DROP of the
 * read-model tables). With no owner configured these are the service's own connections, so one
 * role does everything, as before.
 */
public final class DatabaseOwner implements AutoCloseable {

    /**
     * The owner's statements are few and short, and none kept while idle; Flyway holds more than
     * two connections at once while it migrates (its history table's lock, the migration, callbacks).
     */
    private static final int OWNER_POOL_SIZE = 5;
    private static final long OWNER_IDLE_TIMEOUT_MS = 10_000;

    private final DataSource runtime;
    private final HikariDataSource owner;

    DatabaseOwner(DataSource runtime, DatabaseOwnerProperties properties) {
        this.runtime = runtime;
        this.owner = properties.configured() ? ownerPool(runtime, properties) : null;
    }

    /** Whether the owner is another login than the runtime role. */
    public boolean separate() {
        return owner != null;
    }

    /** Connections as the owner; the service's own DataSource when no owner is configured. */
    public DataSource dataSource() {
        return owner != null ? owner : runtime;
    }

    /** The role the service runs as, as PostgreSQL names it (the grants' grantee). */
    public String runtimeRole() {
        return new JdbcTemplate(runtime).queryForObject("SELECT current_user", String.class);
    }

    /**
     * A small pool with the runtime pool's settings (URL, driver properties such as the socket
     * timeout) and the owner's login.
     */
    private static HikariDataSource ownerPool(DataSource runtime, DatabaseOwnerProperties properties) {
        HikariConfig config = new HikariConfig();
        try {
            if (!runtime.isWrapperFor(HikariDataSource.class)) {
                throw new IllegalStateException("incidents.database.owner needs the service's DataSource to be Hikari's, not "
                        + runtime.getClass().getName());
            }
            runtime.unwrap(HikariDataSource.class).copyStateTo(config);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the service's DataSource settings", e);
        }
        config.setUsername(properties.user());
        config.setPassword(properties.password());
        config.setPoolName("schema-owner");
        config.setMaximumPoolSize(OWNER_POOL_SIZE);
        config.setMinimumIdle(0);
        config.setIdleTimeout(OWNER_IDLE_TIMEOUT_MS);
        // Connects on first use, like the runtime pool: no connection is made just by starting.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        if (owner != null) {
            owner.close();
        }
    }
}
