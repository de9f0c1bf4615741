package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.ContactNames;
import io.incidents.support.audit.AuditLog;
import io.incidents.support.web.IncidentIds;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The delivery log (who was told, addresses redacted), its parked messages, and sending one again. */
@RestController
@Validated
class NotificationController {

    private final DeliveryLog deliveries;
    private final Clock clock;
    private final AuditLog audit;
    private final ContactNames contactNames;

    NotificationController(DeliveryLog deliveries, Clock clock, AuditLog audit, ContactNames contactNames) {
        this.contactNames = contactNames;
        this.deliveries = deliveries;
        this.clock = clock;
        this.audit = audit;
    }

    @Operation(summary = "Messages sent (or to be sent) for an incident, or the latest ones, with their status")
    @GetMapping("/api/v1/notifications")
    Map<String, List<DeliveryView>> notifications(
            @RequestParam(required = false) @Pattern(regexp = IncidentIds.PATTERN) String incidentId,
            @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        return Map.of("items", views(incidentId == null ? deliveries.recent(limit) : deliveries.ofIncident(incidentId, limit)));
    }

    @Operation(summary = "Parked messages: failing for longer than give-up-after (24 h by default)")
    @GetMapping("/api/v1/admin/notifications/dead-letters")
    Map<String, List<DeliveryView>> deadLetters(@RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        return Map.of("items", views(deliveries.dead(limit)));
    }

    private List<DeliveryView> views(List<Delivery> rows) {
        return rows.stream().map(row -> DeliveryView.of(row, contactNames.of(row.recipient()))).toList();
    }

    @Operation(summary = "Send a parked message again now, with a fresh retry window")
    @PostMapping("/api/v1/admin/notifications/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable @Min(1) long id) {
        if (!deliveries.retry(id, clock.instant())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead letter " + id + ".");
        }
        audit.recordRequest("DEAD_LETTER_RETRIED", "delivery " + id, null);
        return ResponseEntity.accepted().build();
    }
}
