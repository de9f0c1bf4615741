package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager, Grafana and native alerts over HTTP. The sender is authenticated before the body
 * is read ({@link IntegrationKeyInterceptor}); here a payload is capped, charged its full count
 * against the integration's rate limit, and taken whole.
 */
@RestController
@SecurityRequirement(name = "integrationKey")
class AlertController {

    private final RateLimiter rateLimiter;
    private final AlertProcessor processor;
    private final AlertingProperties properties;

    AlertController(RateLimiter rateLimiter, AlertProcessor processor, AlertingProperties properties) {
        this.rateLimiter = rateLimiter;
        this.processor = processor;
        this.properties = properties;
    }

    /** Grafana-managed alerting sends the same core as Alertmanager (plus orgId, title, state): one reader serves both. */
    @Operation(summary = "Prometheus Alertmanager webhook (payload version 4) or Grafana-managed alerting webhook;"
            + " every alert keyed by its fingerprint. Key as Authorization: Bearer; Grafana's endpoint also takes ?key=")
    @PostMapping({"/api/v1/integrations/alertmanager", AlertingWebConfiguration.GRAFANA})
    ResponseEntity<Map<String, Object>> alertmanager(
            @Parameter(hidden = true) @RequestAttribute(IntegrationKeyInterceptor.INTEGRATION) AlertingProperties.Integration integration,
            @RequestBody JsonNode payload) {
        return accept(integration, AlertmanagerPayloads.parse(payload, properties.maxAlertsPerPayload()));
    }

    @Operation(summary = "Native alert: {dedupKey, summary, source, service, severity | errorRate, status, details}")
    @PostMapping("/api/v1/alerts")
    ResponseEntity<Map<String, Object>> nativeAlert(
            @Parameter(hidden = true) @RequestAttribute(IntegrationKeyInterceptor.INTEGRATION) AlertingProperties.Integration integration,
            @Valid @RequestBody NativeAlert alert) {
        return accept(integration, List.of(alert.toAlert()));
    }

    private ResponseEntity<Map<String, Object>> accept(AlertingProperties.Integration integration, List<Alert> alerts) {
        if (!alerts.isEmpty()) {
            // The whole payload or nothing: a half-taken batch would leave alerts behind on a retry.
            Optional<Duration> refused = rateLimiter.acquire(integration, alerts.size());
            if (refused.isPresent()) {
                throw AlertAnswers.rateLimited(refused.get(), alerts.size(), properties, integration);
            }
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

    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e) {
        return AlertAnswers.concurrentChange();
    }

    @ExceptionHandler(AlertsOverCap.class)
    ResponseEntity<ProblemDetail> overCap(AlertsOverCap e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(AlertAnswers.overCap(e));
    }
}
