package io.incidents.incidentservice.availability;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** What counts as "PostgreSQL cannot be reached", however deep Axon and Spring wrap it. */
class DatabaseOutagesTest {

    private static final SQLException REFUSED = new SQLException("Connection to localhost:5432 refused", "08001");

    @Test
    void thePoolGivingUpOnAConnectionIsAnOutage() {
        SQLTransientConnectionException timedOut = new SQLTransientConnectionException("pool timed out", "08001", REFUSED);

        assertThat(DatabaseOutages.surelyUnreachable(new CannotCreateTransactionException("no connection", timedOut))).isTrue();
        assertThat(DatabaseOutages.surelyUnreachable(new CannotGetJdbcConnectionException("no connection", timedOut))).isTrue();
    }

    @Test
    void aConnectionLostUnderAxonsWrappersIsAnOutage() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend", "08006");

        assertThat(DatabaseOutages.surelyUnreachable(new EventStoreException("could not append", lost))).isTrue();
        assertThat(DatabaseOutages.surelyUnreachable(new CommandExecutionException("remote", new EventStoreException("read", lost))))
                .isTrue();
        assertThat(DatabaseOutages.surelyUnreachable(new TransactionSystemException("could not commit", lost))).isTrue();
    }

    @Test
    void aServerShuttingDownOrStartingUpIsAnOutage() {
        assertThat(DatabaseOutages.surelyUnreachable(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(DatabaseOutages.surelyUnreachable(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(DatabaseOutages.surelyUnreachable(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseOutages.surelyUnreachable(new EventStoreException("bad payload", new SQLException("syntax", "42601"))))
                .isFalse();
        assertThat(DatabaseOutages.surelyUnreachable(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aDatabaseFailureThatLostItsEvidenceIsAnOutageWhenTheDatabaseDoesNotAnswer() throws SQLException {
        // What the pool throws for a statement on a connection it closed after a broken pipe.
        RuntimeException closed = new RuntimeException("Error when preparing statement.", new SQLException("Connection is closed"));
        DataSource down = mock(DataSource.class);
        when(down.getConnection()).thenThrow(new SQLTransientConnectionException("request timed out after 3000ms"));

        assertThat(new DatabaseOutages(down).explain(closed)).isTrue();
    }

    @Test
    void aDatabaseFailureWhileTheDatabaseAnswersIsNot() throws SQLException {
        RuntimeException closed = new RuntimeException("Error when preparing statement.", new SQLException("Connection is closed"));
        DataSource up = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        when(up.getConnection()).thenReturn(connection);
        when(connection.isValid(anyInt())).thenReturn(true);

        assertThat(new DatabaseOutages(up).explain(closed)).isFalse();
    }

    @Test
    void aFailureWithoutTheDatabaseInItDoesNotDisturbTheDatabase() {
        DataSource untouched = mock(DataSource.class);

        assertThat(new DatabaseOutages(untouched).explain(new IllegalStateException("a bug"))).isFalse();
        verifyNoInteractions(untouched);
    }
}
