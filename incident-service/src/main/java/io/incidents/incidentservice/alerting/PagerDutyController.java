package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.support.security.FailureThrottle;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty Events API v2, wire-compatible: the same path, fields and answers, so an existing
 * PagerDuty client or library only needs our URL. Authenticated by {@code routing_key}, with the
 * same throttle on unknown keys per client address as the other alert endpoints.
 */
@RestController
class PagerDutyController {

    private final ObjectMapper json;
    private final KeyGuard guard;
    private final RateLimiter rateLimiter;
    private final AlertProcessor processor;

    PagerDutyController(ObjectMapper json, KeyGuard guard, RateLimiter rateLimiter, AlertProcessor processor) {
        this.json = json;
        this.guard = guard;
        this.rateLimiter = rateLimiter;
        this.processor = processor;
    }

    @Operation(summary = "PagerDuty Events API v2: trigger, acknowledge or resolve by dedup_key")
    @PostMapping(path = "/v2/enqueue")
    ResponseEntity<Map<String, Object>> enqueue(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        Optional<Duration> blocked = guard.blockedFor(address);
        if (blocked.isPresent()) {
            return throttled(blocked.get(), "Too many invalid routing keys from this address.  Please retry later.");
        }
        JsonNode event;
        try {
            event = body == null ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            return invalid(List.of("Malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return invalid(List.of("Unreadable body"));
        }
        PagerDutyEvents.Parsed parsed;
        try {
            parsed = PagerDutyEvents.parse(event);
        } catch (AlertRejected e) {
            return invalid(e.errors());
        }
        Optional<AlertingProperties.Integration> integration = guard.check(address, parsed.routingKey());
        if (integration.isEmpty()) {
            return invalid(List.of("'routing_key' is not a known integration key"));
        }
        Optional<Duration> limited = rateLimiter.acquire(integration.get(), 1);
        if (limited.isPresent()) {
            return throttled(limited.get(), "Requests for this service are arriving too quickly.  Please retry later.");
        }
        processor.process(integration.get(), parsed.alert());
        Map<String, Object> accepted = answer("success", "Event processed", null);
        accepted.put("dedup_key", parsed.alert().dedupKey());
        return ResponseEntity.accepted().body(accepted);
    }

    /** A 4xx would make a PagerDuty client drop the event; a 5xx makes it send the event again. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e) {
        return AlertAnswers.concurrentChange();
    }

    private static ResponseEntity<Map<String, Object>> invalid(List<String> errors) {
        return ResponseEntity.badRequest().body(answer("invalid event", "Event object is invalid", errors));
    }

    /** PagerDuty's own 429 body, plus when to come back. */
    private static ResponseEntity<Map<String, Object>> throttled(Duration wait, String message) {
        return ResponseEntity.status(429).header(HttpHeaders.RETRY_AFTER, Long.toString(FailureThrottle.retryAfterSeconds(wait)))
                .body(answer("throttle event", message, null));
    }

    private static Map<String, Object> answer(String status, String message, List<String> errors) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("message", message);
        if (errors != null) {
            answer.put("errors", errors);
        }
        return answer;
    }
}
