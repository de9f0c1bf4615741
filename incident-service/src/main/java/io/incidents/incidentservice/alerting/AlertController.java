package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/**
 * Alertmanager, Grafana and native alerts over HTTP. The integration key comes as
 * {@code Authorization: Bearer <key>}, or {@code ?key=} for senders that cannot set headers.
 */
@RestController
class AlertController {

    private final Integrations integrations;
    private final RateLimiter rateLimiter;
    private final AlertProcessor processor;

    AlertController(Integrations integrations, RateLimiter rateLimiter, AlertProcessor processor) {
        this.integrations = integrations;
        this.rateLimiter = rateLimiter;
        this.processor = processor;
    }

    /** Grafana-managed alerting sends the same core as Alertmanager (plus orgId, title, state): one reader serves both. */
    @Operation(summary = "Prometheus Alertmanager webhook (payload version 4) or Grafana-managed alerting webhook;"
            + " every alert keyed by its fingerprint")
    @PostMapping({"/api/v1/integrations/alertmanager", "/api/v1/integrations/grafana"})
    ResponseEntity<Map<String, Object>> alertmanager(@RequestBody JsonNode payload,
                                                     @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                     @RequestParam(name = "key", required = false) String key) {
        return accept(authorization, key, AlertmanagerPayloads.parse(payload));
    }

    @Operation(summary = "Native alert: {dedupKey, summary, source, service, severity | errorRate, status, details}")
    @PostMapping("/api/v1/alerts")
    ResponseEntity<Map<String, Object>> nativeAlert(@Valid @RequestBody NativeAlert alert,
                                                    @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                    @RequestParam(name = "key", required = false) String key) {
        return accept(authorization, key, List.of(alert.toAlert()));
    }

    private ResponseEntity<Map<String, Object>> accept(String authorization, String key, List<Alert> alerts) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : key;
        AlertingProperties.Integration integration = integrations.byKey(presented).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                        "A valid integration key is required (Authorization: Bearer <key>, or ?key=)."));
        // The whole payload or nothing: a half-taken batch would leave alerts behind on a retry.
        if (!rateLimiter.tryAcquire(integration.name(), alerts.size())) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    "More than the allowed alerts per minute for this integration key; retry later.");
        }
        for (Alert alert : alerts) {
            processor.process(integration, alert);
        }
        return ResponseEntity.accepted().body(Map.of("status", "success", "alerts", alerts.size()));
    }

    @ExceptionHandler(AlertRejected.class)
    ProblemDetail rejected(AlertRejected e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The alert payload is invalid: "
                + e.getMessage() + ".");
        problem.setProperty("errors", e.errors());
        return problem;
    }
}
