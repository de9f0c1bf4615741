package io.incidents.incidentservice.availability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.time.Duration;

/** Answers for failures that are not the caller's: try again later (503), or our fault (500). */
public final class ServiceProblems {

    /** A database restart or a fail-over takes seconds; the caller's retry should not hammer it meanwhile. */
    public static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ServiceProblems.class);

    private ServiceProblems() {
    }

    /** PostgreSQL cannot be reached: 503 with {@code Retry-After}, for any endpoint. */
    public static ResponseEntity<ProblemDetail> databaseUnavailable(Throwable cause) {
        log.warn("PostgreSQL cannot be reached; answering 503: {}", rootOf(cause));
        return retryLater("database-unavailable", "DATABASE_UNAVAILABLE", DATABASE_RETRY_AFTER,
                "The incident store (PostgreSQL) cannot be reached at the moment; retry in "
                        + DATABASE_RETRY_AFTER.toSeconds() + " s. A change sent again with the same Idempotency-Key"
                        + " is applied at most once.");
    }

    /** 503 with {@code Retry-After}: the request may well succeed if sent again after {@code wait}. */
    public static ResponseEntity<ProblemDetail> retryLater(String type, String code, Duration wait, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(URI.create("urn:incidents:problem:" + type));
        problem.setProperty("code", code);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())))
                .body(problem);
    }

    /** A fault of ours: logged in full, answered without internals, as problem+json rather than the servlet's error page. */
    public static ResponseEntity<ProblemDetail> unexpected(Throwable failure) {
        log.error("Unexpected error while handling a request", failure);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The server failed to handle the request; it has been logged."));
    }

    private static String rootOf(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root.toString();
    }
}
