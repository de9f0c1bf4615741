package io.incidents.incidentservice.availability;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means PostgreSQL could not be reached (down, restarting, the network to it
 * gone, the pool waiting in vain for a connection) rather than a fault of the request or of ours.
 * Recognised first by type and SQLState anywhere in the cause chain, since Axon and Spring wrap
 * the driver's exception in their own; never by message text. Some failures lose that evidence
 * on the way (a connection the pool closed after a broken pipe fails the next statement with a
 * bare "closed" error, and Axon swallows some of the first ones): for any other database
 * failure, the database itself is asked whether it answers.
 */
@Component
public class DatabaseOutages {

    /** Enough for Axon's and Spring's wrappers; a guard against cause cycles. */
    private static final int MAX_DEPTH = 20;
    /** PostgreSQL shutting down, crashed and restarting, or still starting up. */
    private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03");
    /** SQLState class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final int PROBE_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseOutages(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean explain(Throwable failure) {
        return surelyUnreachable(failure) || involvesDatabase(failure) && !answers();
    }

    /** The failure says itself that no connection could be had or kept. */
    static boolean surelyUnreachable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_UNAVAILABLE.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static boolean involvesDatabase(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException
                    || t instanceof JdbcException || t instanceof EventStoreException) {
                return true;
            }
        }
        return false;
    }

    /** A fresh look: a connection from the pool that answers; no longer than the pool's own wait for one. */
    private boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
