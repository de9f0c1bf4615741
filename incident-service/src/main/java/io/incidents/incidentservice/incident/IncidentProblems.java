package io.incidents.incidentservice.incident;

import io.incidents.incidentservice.availability.DatabaseOutages;
import io.incidents.incidentservice.availability.ServiceProblems;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** The one place where domain and Axon errors become problem+json answers. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IncidentProblems {

    @ExceptionHandler(IncidentException.class)
    ResponseEntity<ProblemDetail> refused(IncidentException ex) {
        return problem(ex.code(), ex.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException ex) {
        return problem(ErrorCode.INCIDENT_NOT_FOUND, "No incident " + ex.getAggregateIdentifier() + " exists.");
    }

    /** Two writers raced for the same incident: the loser may simply retry. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException ex) {
        return problem(ErrorCode.CONCURRENT_MODIFICATION,
                "The incident was changed by another request at the same moment; retry.");
    }

    /**
     * Axon wraps handler exceptions when they cross a distributed bus, and the event store's
     * failures (PostgreSQL unreachable among them) in its own: unwrap the known ones.
     */
    @ExceptionHandler({CommandExecutionException.class, EventStoreException.class})
    ResponseEntity<ProblemDetail> wrapped(RuntimeException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof IncidentException incident) {
                return refused(incident);
            }
            if (t instanceof AggregateNotFoundException missing) {
                return notFound(missing);
            }
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return conflict((RuntimeException) t);
            }
        }
        return DatabaseOutages.explain(ex) ? ServiceProblems.databaseUnavailable(ex) : ServiceProblems.unexpected(ex);
    }

    private static ResponseEntity<ProblemDetail> problem(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setType(URI.create("urn:incidents:problem:" + code.name().toLowerCase().replace('_', '-')));
        problem.setProperty("code", code.name());
        return ResponseEntity.status(code.httpStatus()).body(problem);
    }
}
