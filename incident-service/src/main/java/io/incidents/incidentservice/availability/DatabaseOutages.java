package io.incidents.incidentservice.availability;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means PostgreSQL could not be reached (down, restarting, the network to it
 * gone, the pool waiting in vain for a connection) rather than a fault of the request or of ours:
 * by type and SQLState anywhere in the cause chain, since Axon and Spring wrap the driver's
 * exception in their own, or because a connection of the request broke on the way
 * ({@link ConnectionFailures}). Never by message text.
 */
public final class DatabaseOutages {

    /** Enough for Axon's and Spring's wrappers; a guard against cause cycles. */
    private static final int MAX_DEPTH = 20;
    /** PostgreSQL shutting down, crashed and restarting, or still starting up. */
    private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03");
    /** SQLState class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseOutages() {
    }

    public static boolean explain(Throwable failure) {
        return surelyUnreachable(failure) || ConnectionFailures.seenDuringThisRequest();
    }

    /** The failure says itself that no connection could be had or kept. */
    static boolean surelyUnreachable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && isConnectionLost(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_UNAVAILABLE.contains(sqlState));
    }
}
