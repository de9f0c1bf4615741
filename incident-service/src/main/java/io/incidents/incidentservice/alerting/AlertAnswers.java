package io.incidents.incidentservice.alerting;

import io.incidents.incidentservice.availability.ServiceProblems;
import io.incidents.support.security.FailureThrottle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;

/**
 * The refusals of the Alertmanager, Grafana and native endpoints, as problem+json with the
 * headers a sender acts on ({@code Retry-After}, {@code WWW-Authenticate}). None echoes the key
 * or the request's URL.
 */
final class AlertAnswers {

    /** The other writer is done within milliseconds. */
    private static final Duration CONFLICT_RETRY_AFTER = Duration.ofSeconds(1);

    private AlertAnswers() {
    }

    static ErrorResponseException keyRequired(boolean queryKeyAllowed) {
        return unauthorized("A valid integration key is required: send it as Authorization: Bearer <key>"
                + (queryKeyAllowed ? " (or ?key=<key>)." : "."));
    }

    static ErrorResponseException queryKeyRefused() {
        return unauthorized("Integration keys are not taken from the URL here, where proxies and access logs keep them:"
                + " send the key as Authorization: Bearer <key> (only /api/v1/integrations/grafana takes ?key=).");
    }

    static ErrorResponseException addressBlocked(Duration wait) {
        return retryLater(wait, "Too many unknown integration keys came from this address; retry in "
                + FailureThrottle.retryAfterSeconds(wait) + " s.");
    }

    static ErrorResponseException rateLimited(Duration wait, int alerts, AlertingProperties properties,
                                              AlertingProperties.Integration integration) {
        return retryLater(wait, "This integration may send " + properties.rateLimitPerMinute(integration) + " alerts per minute"
                + " (at most " + properties.burst(integration) + " at once); these " + alerts + " are refused whole: retry in "
                + FailureThrottle.retryAfterSeconds(wait) + " s.");
    }

    /**
     * Another instance changed the alert's incident at the same moment. Nothing of this payload's
     * alert was stored; sent again it will be. Not the 409 of the command API: Alertmanager and
     * PagerDuty clients drop an alert on a 4xx other than 429, and retry a 5xx.
     */
    static ResponseEntity<ProblemDetail> concurrentChange() {
        return ServiceProblems.retryLater("concurrent-modification", "CONCURRENT_MODIFICATION", CONFLICT_RETRY_AFTER,
                "The incident of this alert was changed by another request at the same moment; send the alert again.");
    }

    static ProblemDetail overCap(AlertsOverCap over) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "The payload holds " + over.count()
                + " alerts; at most " + over.cap() + " are taken per payload, so none was. Send smaller groups"
                + " (Alertmanager: max_alerts in the webhook config).");
    }

    private static ErrorResponseException unauthorized(String detail) {
        ErrorResponseException refused = answer(HttpStatus.UNAUTHORIZED, detail);
        refused.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"integrations\"");
        return refused;
    }

    private static ErrorResponseException retryLater(Duration wait, String detail) {
        ErrorResponseException refused = answer(HttpStatus.TOO_MANY_REQUESTS, detail);
        refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(FailureThrottle.retryAfterSeconds(wait)));
        return refused;
    }

    private static ErrorResponseException answer(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
