package io.incidents.support.events;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * Whether the database answers right now. A consumer whose record failed in a way not known to
 * be an outage asks this before calling the record poison: while the database is down, any
 * failure is taken for the outage, and the record waits rather than being parked.
 */
public final class DatabaseProbe implements BooleanSupplier {

    private static final int VALID_WITHIN_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean getAsBoolean() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_WITHIN_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
