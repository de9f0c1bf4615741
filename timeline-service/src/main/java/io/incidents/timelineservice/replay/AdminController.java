package io.incidents.timelineservice.replay;

import io.incidents.support.audit.AuditLog;
import io.incidents.support.events.DeadLetters;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Operator endpoints: replay from the event log, and the records parked as dead letters. */
@RestController
@RequestMapping("/api/v1/admin")
@Validated
class AdminController {

    private final ReplayService replay;
    private final DeadLetters deadLetters;
    private final AuditLog audit;

    AdminController(ReplayService replay, DeadLetters deadLetters, AuditLog audit) {
        this.replay = replay;
        this.deadLetters = deadLetters;
        this.audit = audit;
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

    @Operation(summary = "Records that could not be read and were parked on incident-events.DLT, newest first")
    @GetMapping("/dead-letters")
    Map<String, List<DeadLetters.DeadLetter>> deadLetters(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Map.of("items", deadLetters.list(limit));
    }
}
