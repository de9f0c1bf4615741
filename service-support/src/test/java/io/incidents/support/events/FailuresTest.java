package io.incidents.support.events;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class FailuresTest {

    @Test
    void whatTheDatabaseOrBrokerBeingAwayLooksLikeIsAnOutage() {
        assertThat(Failures.isOutage(new CannotGetJdbcConnectionException("no connection", new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(Failures.isOutage(new CannotCreateTransactionException("no transaction"))).isTrue();
        assertThat(Failures.isOutage(new CannotAcquireLockException("deadlock", new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(Failures.isOutage(new RuntimeException("wrapped", new SQLException("terminating connection", "57P01"))))
                .as("the server restarting").isTrue();
        assertThat(Failures.isOutage(new RuntimeException("wrapped", new SQLException("could not serialize", "40001")))).isTrue();
        assertThat(Failures.isOutage(new KafkaException("send failed", new ConnectException("refused")))).isTrue();
        assertThat(Failures.isOutage(new RuntimeException("wrapped", new SQLException("Connection is closed"))))
                .as("the pool's broken connection, without a SQLSTATE").isTrue();
        assertThat(Failures.isOutage(new KafkaException("send failed",
                new org.apache.kafka.common.errors.TimeoutException("no broker")))).isTrue();
        assertThat(Failures.isOutage(new BadSqlGrammarException("insert", "INSERT INTO incident_event ...",
                new SQLException("permission denied for table incident_event", "42501"))))
                .as("a grant missing for the service's role: retried until it is there, not parked").isTrue();
    }

    @Test
    void theDatabaseIsUnreachableOnlyWhenItsConnectionSaysSo() {
        assertThat(Failures.isDatabaseUnreachable(new CannotGetJdbcConnectionException("no connection",
                new SQLException("refused", "08001")))).isTrue();
        assertThat(Failures.isDatabaseUnreachable(new CannotCreateTransactionException("no transaction"))).isTrue();
        assertThat(Failures.isDatabaseUnreachable(new RuntimeException("wrapped", new SQLException("restarting", "57P01"))))
                .isTrue();
        assertThat(Failures.isDatabaseUnreachable(new DataAccessResourceFailureException("Spring files 54xxx here",
                new SQLException("index row size 6008 exceeds maximum 2712", "54000"))))
                .as("a request that can never be stored is no outage to retry").isFalse();
        assertThat(Failures.isDatabaseUnreachable(new CannotAcquireLockException("deadlock", new SQLException("deadlock", "40P01"))))
                .isFalse();
    }

    @Test
    void aDatabaseThatStopsAnsweringMidStatementIsAnOutage() {
        // What PgJDBC throws when socketTimeout passes without a byte from the server (stopped, a network black hole).
        PSQLException silent = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"));
        RuntimeException asSpringSeesIt = new SQLStateSQLExceptionTranslator().translate("query", "SELECT 1", silent);

        assertThat(silent.getSQLState()).isEqualTo("08006");
        for (Throwable failure : List.of(silent, asSpringSeesIt)) {
            assertThat(Failures.isOutage(failure)).as("%s", failure).isTrue();
            assertThat(Failures.isDatabaseUnreachable(failure)).as("%s", failure).isTrue();
        }
    }

    @Test
    void aRollbackThatFailsAfterTheSocketTimeoutClosedTheConnectionIsAnOutage() {
        // The statement cut by the socket timeout, then the rollback on the connection the pool closed for it.
        PSQLException silent = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"));
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("query failed", silent));
        RuntimeException libraryRollbackFailed = new RuntimeException("Failed to rollback.", new SQLException("Connection is closed"));
        libraryRollbackFailed.addSuppressed(silent);

        assertThat(Failures.isDatabaseUnreachable(rollbackFailed)).isTrue();
        assertThat(Failures.isOutage(rollbackFailed)).isTrue();
        assertThat(Failures.isDatabaseUnreachable(libraryRollbackFailed)).isTrue();
        assertThat(Failures.isDatabaseUnreachable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).as("nothing says the database is away").isFalse();
    }

    @Test
    void aDatabaseThatAcceptsConnectionsButNeverAnswersIsAnOutage() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket stalled = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(stalled.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            Throwable failure = catchThrowable(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + stalled.getLocalPort() + "/any?sslmode=disable&socketTimeout=1&connectTimeout=1", "any", "any"));

            assertThat(failure).isInstanceOf(PSQLException.class).hasRootCauseInstanceOf(SocketTimeoutException.class);
            assertThat(Failures.isOutage(failure)).isTrue();
            assertThat(Failures.isDatabaseUnreachable(failure)).isTrue();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void whatFailsTheSameWayEveryTimeIsTheRecordsOwn() {
        assertThat(Failures.isOutage(new DataIntegrityViolationException("constraint",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Failures.isOutage(new DataAccessResourceFailureException("Spring files 54xxx here",
                new SQLException("index row size 6008 exceeds maximum 2712", "54000"))))
                .as("the database's SQLSTATE outranks Spring's wrapper").isFalse();
        assertThat(Failures.isOutage(new NullPointerException("severity"))).isFalse();
        assertThat(Failures.isOutage(new IllegalArgumentException("unknown template"))).isFalse();
        assertThat(Failures.isOutage(new RuntimeException("listener failed", new PoisonRecordException("unreadable"))))
                .as("unreadable, whatever wraps it").isFalse();
    }
}
