package io.incidents.notificationservice.oncall;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** On-call refusals as problem+json, shaped like the services' other answers (a 400 names its field in {@code errors}). */
@RestControllerAdvice(basePackageClasses = OnCallProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OnCallProblems {

    @ExceptionHandler(OnCallException.class)
    ResponseEntity<ProblemDetail> refused(OnCallException ex) {
        OnCallError code = ex.code();
        boolean invalid = code == OnCallError.INVALID;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()),
                invalid && ex.field() != null ? "The request has invalid fields: " + ex.field() + " " + ex.getMessage() + "."
                        : ex.getMessage());
        problem.setType(URI.create("urn:incidents:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code.name());
        if (ex.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        }
        return ResponseEntity.status(code.httpStatus()).body(problem);
    }
}
