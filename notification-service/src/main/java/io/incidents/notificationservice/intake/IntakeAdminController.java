package io.incidents.notificationservice.intake;

import io.incidents.support.audit.AuditLog;
import io.incidents.support.events.DeadLetters;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The operator's levers on reading incident-events: its parked records, re-driving one, reading it all again. */
@RestController
@Validated
class IntakeAdminController {

    private final DeadLetters deadLetters;
    private final IncidentEventsListener listener;
    private final AuditLog audit;

    IntakeAdminController(DeadLetters deadLetters, IncidentEventsListener listener, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.audit = audit;
    }

    @Operation(summary = "Incident-event records parked on incident-events.DLT (unreadable, or failing the same way every time)")
    @GetMapping("/api/v1/admin/dead-letters")
    Map<String, List<DeadLetters.DeadLetter>> unreadableRecords(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Map.of("items", deadLetters.list(limit));
    }

    @Operation(summary = "Process a parked incident-event record again, once its cause is fixed: 200 when it now goes"
            + " through (or was seen already), 404 unknown, 409 already re-driven, 422 when it still fails (with the error)")
    @PostMapping("/api/v1/admin/dead-letters/{id}/redrive")
    ResponseEntity<Map<String, Object>> redrive(@PathVariable @Min(1) long id) {
        deadLetters.redriveOrRefuse(id, listener::process);
        audit.recordRequest("DEAD_LETTER_REDRIVEN", "dead letter " + id, null);
        return ResponseEntity.ok(Map.of("id", id, "redriven", true));
    }

    @Operation(summary = "Read incident-events again from the start; what was sent is not sent again")
    @PostMapping("/api/v1/admin/replay")
    ResponseEntity<Void> replay() {
        listener.replayFromStart();
        audit.recordRequest("REPLAY_STARTED", "incident-events", null);
        return ResponseEntity.accepted().build();
    }
}
