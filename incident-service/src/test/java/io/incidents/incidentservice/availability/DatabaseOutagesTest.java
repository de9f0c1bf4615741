package io.incidents.incidentservice.availability;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aFailureThatLostItsEvidenceIsAnOutageWhenAConnectionOfTheSameRequestBroke() {
        // What the pool throws for the next statement on a connection it closed after a broken pipe.
        RuntimeException closed = new RuntimeException("Error when preparing statement.", new SQLException("Connection is closed"));
        inARequest(() -> {
            assertThat(DatabaseOutages.explain(closed)).isFalse();

            assertThat(new ConnectionFailures().adjudicate(new SQLException("An I/O error occurred", "08006")))
                    .as("the pool still decides").isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);

            assertThat(DatabaseOutages.explain(closed)).isTrue();
        });
        inARequest(() -> assertThat(DatabaseOutages.explain(closed)).as("another request").isFalse());
    }

    @Test
    void otherFailuresOnAConnectionAreNotNoted() {
        inARequest(() -> {
            new ConnectionFailures().adjudicate(new SQLException("duplicate key value violates unique constraint", "23505"));

            assertThat(DatabaseOutages.explain(new IllegalStateException("a bug"))).isFalse();
        });
    }

    private static void inARequest(Runnable test) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        try {
            test.run();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }
}
