package io.incidents.incidentservice.availability;

import io.incidents.support.events.Failures;

/**
 * Whether a failure means PostgreSQL could not be reached (down, restarting, the network to it
 * gone, the pool waiting in vain for a connection) rather than a fault of the request or of ours:
 * as service-support's {@link Failures#isDatabaseUnreachable} reads the cause chain (the SQLSTATE
 * first, since Spring files some lasting failures under resource failures), or because a
 * connection of the request broke on the way ({@link ConnectionFailures}). Never by message text.
 */
public final class DatabaseOutages {

    private DatabaseOutages() {
    }

    public static boolean explain(Throwable failure) {
        return surelyUnreachable(failure) || ConnectionFailures.seenDuringThisRequest();
    }

    /** The failure says itself that no connection could be had or kept. */
    static boolean surelyUnreachable(Throwable failure) {
        return Failures.isDatabaseUnreachable(failure);
    }

    static boolean isConnectionLost(String sqlState) {
        return Failures.isConnectionLostState(sqlState);
    }
}
