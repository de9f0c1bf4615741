package io.incidents.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises about its database connections: a PostgreSQL that stops answering
 * is given up on after PgJDBC's socket timeout (60 s) instead of holding the connection for ever.
 * A service's test class extends this (annotated {@link IntegrationTest}) to check that its
 * setting reaches the driver.
 */
public abstract class DatabaseTimeoutsContract {

    @Autowired
    protected DataSource dataSource;

    @Test
    void aPooledConnectionGivesUpOnADatabaseSilentForTheSocketTimeout() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getNetworkTimeout()).as("ms").isEqualTo(60_000);
        }
    }
}
