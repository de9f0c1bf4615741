package io.incidents.incidentservice.availability;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.sql.SQLException;

/**
 * Notes on the current HTTP request that one of its database connections broke (SQLState class
 * 08, the server shutting down), when Hikari asks about each failure on a pooled connection
 * ({@code spring.datasource.hikari.exception-override-class-name}). The failure the request ends
 * with does not always say so itself: the pool closes a broken connection, and the next
 * statement on it fails with a bare "connection is closed", while Axon swallows some first
 * failures (a snapshot it could not read). Hikari's own decision is left as it is.
 */
public class ConnectionFailures implements SQLExceptionOverride {

    private static final String SEEN = ConnectionFailures.class.getName() + ".seen";

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && DatabaseOutages.isConnectionLost(failure.getSQLState())) {
            request.setAttribute(SEEN, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    /** Whether a connection of the current request broke. */
    static boolean seenDuringThisRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && Boolean.TRUE.equals(request.getAttribute(SEEN, RequestAttributes.SCOPE_REQUEST));
    }
}
