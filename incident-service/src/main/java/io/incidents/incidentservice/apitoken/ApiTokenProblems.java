package io.incidents.incidentservice.apitoken;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Token refusals as problem+json, shaped like the services' other answers (a 400 names its field in {@code errors}). */
@RestControllerAdvice(basePackageClasses = ApiTokenProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiTokenProblems {

    /** Kafka is usually back within seconds. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(ApiTokenException.class)
    ResponseEntity<ProblemDetail> refused(ApiTokenException ex) {
        ApiTokenError code = ex.code();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()),
                ex.field() == null ? ex.getMessage() : "The request has invalid fields: " + ex.field() + " " + ex.getMessage() + ".");
        problem.setType(URI.create("urn:incidents:problem:" + code.name().toLowerCase().replace('_', '-')));
        problem.setProperty("code", code.name());
        if (ex.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(code.httpStatus());
        if (code == ApiTokenError.TOKEN_DISTRIBUTION_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return answer.body(problem);
    }
}
