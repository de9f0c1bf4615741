package io.incidents.support.events;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Tells an outage (something a record's processing depends on is down or busy: it will work once
 * that is back, so retry until it does) from a failure of the record itself (a constraint
 * violation, a missing field, a template error: it fails the same way every time, so park it and
 * go on). When in doubt the caller should also ask whether the database answers now: an
 * unrecognised failure while it does not is an outage too.
 */
public final class Failures {

    /** The one Axon type incident-service's alert consumer can fail with transiently (a concurrent change); named, as this module does not depend on Axon. */
    private static final String AXON_TRANSIENT = "org.axonframework.common.AxonTransientException";

    /** Enough for any real chain; a guard against a pathological one. */
    private static final int MAX_CAUSES = 100;

    private Failures() {
    }

    public static boolean isOutage(Throwable failure) {
        List<Throwable> causes = causes(failure);
        for (Throwable cause : causes) {
            if (cause instanceof PoisonRecordException) {
                return false;
            }
            // The database's own word outranks the wrapper Spring chose: it files "program limit
            // exceeded" (an index row too big, every time) under resource failures.
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return isOutageState(sql.getSQLState());
            }
            if (cause instanceof SQLException sql && isClosedConnection(sql)) {
                return true;
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof SocketException
                    || cause instanceof InterruptedIOException
                    || cause instanceof org.apache.kafka.common.errors.RetriableException
                    || extends_(cause.getClass(), AXON_TRANSIENT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure says the database could not be reached or kept (a connection refused,
     * lost or timed out, the server shutting down, restarting or starting up): narrower than
     * {@link #isOutage}, which also waits out deadlocks and exhausted resources. Like it, the
     * database's SQLSTATE outranks the wrapper Spring chose.
     */
    public static boolean isDatabaseUnreachable(Throwable failure) {
        List<Throwable> causes = causes(failure);
        for (Throwable cause : causes) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return isConnectionLostState(sql.getSQLState());
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure and its causes, then what it hid: the failure a rollback was for, when the
     * rollback failed too (Spring reports the rollback's failure and keeps the first as its
     * application exception), and suppressed ones (a library's failed rollback). A statement cut
     * by the socket timeout leaves a closed connection, so the rollback after it fails as well,
     * with a bare "connection is closed": the statement's own failure says what happened.
     */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> hidden = new ArrayDeque<>();
        hidden.add(failure);
        while (!hidden.isEmpty() && causes.size() < MAX_CAUSES) {
            for (Throwable cause = hidden.poll(); cause != null && seen.add(cause); cause = cause.getCause()) {
                causes.add(cause);
                if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                    hidden.add(rollback.getApplicationException());
                }
                hidden.addAll(Arrays.asList(cause.getSuppressed()));
            }
        }
        return causes;
    }

    /** SQLSTATE class 08 (connection exception), or the server shutting down, crashed and restarting, or starting up. */
    public static boolean isConnectionLostState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    /**
     * PostgreSQL's SQLSTATE classes for a connection lost or refused (08), resources exhausted
     * (53), a query cancelled or the server shutting down or restarting (57), a system error such
     * as I/O (58), a lock not available (55P03), and a transaction that lost a serialization race
     * or a deadlock (40): none is the record's fault.
     */
    /**
     * 42501, a privilege the service's database role lacks (a grant missing in a least-privileged
     * deployment, docs/deploy-postgres.md), is the deployment's fault, not the record's: parked,
     * every record would be lost to the read model until someone re-drove them; retried, they go
     * through once the grant is there.
     */
    private static boolean isOutageState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("58")
                || state.startsWith("40") || state.equals("55P03") || state.equals("42501");
    }

    /**
     * The pool's "Connection is closed" carries no SQLSTATE: a connection that broke under the
     * request (the database restarted), not the record's fault.
     */
    private static boolean isClosedConnection(SQLException sql) {
        String message = sql.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("connection is closed");
    }

    private static boolean extends_(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
