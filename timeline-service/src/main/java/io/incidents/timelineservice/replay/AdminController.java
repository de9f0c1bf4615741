package io.incidents.timelineservice.replay;

import io.incidents.support.audit.AuditLog;
import io.incidents.support.events.DeadLetters;
import io.incidents.timelineservice.ledger.IncidentEventsListener;
import io.incidents.timelineservice.ledger.NotificationEventsListener;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Operator endpoints: replay from the event log, and the records parked as dead letters (list, re-drive). */
@RestController
@RequestMapping("/api/v1/admin")
@Validated
class AdminController {

    private final ReplayService replay;
    private final DeadLetters deadLetters;
    private final AuditLog audit;
    private final IncidentEventsListener listener;
    private final NotificationEventsListener notifications;

    AdminController(ReplayService replay, DeadLetters deadLetters, AuditLog audit, IncidentEventsListener listener,
                    NotificationEventsListener notifications) {
        this.replay = replay;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.listener = listener;
        this.notifications = notifications;
    }

    @Operation(summary = "Rebuild every read model from the start of incident-events (409 while one runs)")
    @PostMapping("/replay")
    ResponseEntity<ReplayStatus> startReplay() {
        ReplayStatus started = replay.start();
        audit.recordRequest("REPLAY_STARTED", "read models", null);
        return ResponseEntity.accepted().body(started);
    }

    @Operation(summary = "State of the current or last replay")
    @GetMapping("/replay")
    ReplayStatus replayStatus() {
        return replay.status();
    }

    @Operation(summary = "Records parked on incident-events.DLT or notification-events.DLT (unreadable, or failing the same way every time), newest first")
    @GetMapping("/dead-letters")
    Map<String, List<DeadLetters.DeadLetter>> deadLetters(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Map.of("items", deadLetters.list(limit));
    }

    @Operation(summary = "Apply a parked record again, once its cause is fixed: 200 when it now applies (or was already"
            + " there), 404 unknown, 409 already re-driven, 422 when it still fails (with the error)")
    @PostMapping("/dead-letters/{id}/redrive")
    ResponseEntity<Map<String, Object>> redrive(@PathVariable @Min(1) long id) {
        // Each record goes to the listener of the topic it was parked from.
        deadLetters.redriveOrRefuse(id, record -> {
            if (notifications.reads(record.topic())) {
                notifications.process(record);
            } else {
                listener.process(record);
            }
        });
        audit.recordRequest("DEAD_LETTER_REDRIVEN", "dead letter " + id, null);
        return ResponseEntity.ok(Map.of("id", id, "redriven", true));
    }
}
