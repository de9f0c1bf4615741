package io.incidents.incidentservice.incident;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentProblemsTest {

    private final IncidentProblems problems = new IncidentProblems();

    @Test
    void aConcurrencyConflictIs409WithACodeAClientCanRetryOn() {
        ResponseEntity<ProblemDetail> answer = problems.conflict(new ConcurrencyException("seq 3 taken"));

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "CONCURRENT_MODIFICATION");
    }

    @Test
    void aDomainRefusalWrappedByADistributedBusKeepsItsStatus() {
        CommandExecutionException wrapped = new CommandExecutionException("remote",
                new IncidentException(ErrorCode.ROLLBACK_NOT_RUNNING, "rollback rb-1 failed"));

        ResponseEntity<ProblemDetail> answer = problems.wrapped(wrapped);

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "ROLLBACK_NOT_RUNNING");
    }

    @Test
    void anUnknownIncidentIs404() {
        ResponseEntity<ProblemDetail> answer = problems.notFound(new AggregateNotFoundException("i-9", "none"));

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().getDetail()).contains("i-9");
    }

    @Test
    void anEventStoreThatLostItsDatabaseIs503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = problems.wrapped(new EventStoreException("could not append",
                new SQLException("An I/O error occurred while sending to the backend", "08006")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "DATABASE_UNAVAILABLE");
    }

    @Test
    void anUnknownWrappedFailureIsA500ProblemWithoutItsInternals() {
        ResponseEntity<ProblemDetail> answer = problems.wrapped(new EventStoreException("bad payload",
                new SQLException("column \"secret_column\" does not exist", "42703")));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).doesNotContain("secret_column");
    }
}
