package io.incidents.incidentservice.availability;

import org.axonframework.common.jdbc.JdbcException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.sql.SQLException;

/**
 * With PostgreSQL down, every endpoint (commands, alerts, admin) answers 503 problem+json with
 * {@code Retry-After} as soon as the pool gives up waiting for a connection
 * ({@code spring.datasource.hikari.connection-timeout}), instead of a 500. Axon's wrappers of
 * the same failures are unwrapped where domain errors are ({@code IncidentProblems}). Runs after
 * the domain advice, which may recognise an exception by one of its causes first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseOutageProblems {

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransactionSystemException.class, JdbcException.class, SQLException.class})
    ResponseEntity<ProblemDetail> databaseFailure(Exception failure) {
        return DatabaseOutages.explain(failure) ? ServiceProblems.databaseUnavailable(failure)
                : ServiceProblems.unexpected(failure);
    }
}
