package io.incidents.incidentservice.incident;

import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentTypeSet;
import io.incidents.incidentservice.runbook.Runbook;
import io.incidents.incidentservice.runbook.Runbooks;
import io.incidents.support.web.IncidentIds;
import io.incidents.incidentservice.incident.IncidentCommands.AcknowledgeIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddNoteCommand;
import io.incidents.incidentservice.incident.IncidentCommands.TickChecklistItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.SetIncidentTypeCommand;
import io.incidents.incidentservice.incident.IncidentCommands.RunbookChoice;
import io.incidents.incidentservice.incident.IncidentCommands.WritePostMortemSectionCommand;
import io.incidents.incidentservice.incident.IncidentCommands.UpdateActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.SchedulePostMortemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompletePostMortemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ApplyMitigationCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AssignRoleCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ChangeSeverityCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompleteRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.EscalateIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.FailRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReopenIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.StartRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.UpdateIncidentStatusCommand;
import io.incidents.incidentservice.incident.IncidentRequests.AddActionItemRequest;
import io.incidents.incidentservice.incident.IncidentRequests.AddNoteRequest;
import io.incidents.incidentservice.incident.IncidentRequests.TickRequest;
import io.incidents.incidentservice.incident.IncidentRequests.SetTypeRequest;
import io.incidents.incidentservice.incident.IncidentRequests.WriteSectionRequest;
import io.incidents.incidentservice.incident.IncidentRequests.UpdateActionItemRequest;
import io.incidents.incidentservice.incident.IncidentRequests.SchedulePostMortemRequest;
import io.incidents.incidentservice.incident.IncidentRequests.ApplyMitigationRequest;
import io.incidents.incidentservice.incident.IncidentRequests.AssignRoleRequest;
import io.incidents.incidentservice.incident.IncidentRequests.ChangeSeverityRequest;
import io.incidents.incidentservice.incident.IncidentRequests.DeclareIncidentRequest;
import io.incidents.incidentservice.incident.IncidentRequests.EscalateRequest;
import io.incidents.incidentservice.incident.IncidentRequests.FailRollbackRequest;
import io.incidents.incidentservice.incident.IncidentRequests.ReopenRequest;
import io.incidents.incidentservice.incident.IncidentRequests.ResolveRequest;
import io.incidents.incidentservice.incident.IncidentRequests.StartRollbackRequest;
import io.incidents.incidentservice.incident.IncidentRequests.UpdateStatusRequest;
import io.incidents.incidentservice.idempotency.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The command API of SPEC section 9. Every command runs to completion before the answer:
 * 2xx means its events are stored; the read side sees them shortly after, through Kafka.
 * The POSTs that would otherwise act twice when repeated take an {@code Idempotency-Key}
 * ({@link IdempotentRequests}); the others are safe to repeat already: a repeat changes nothing
 * (a second acknowledgement) or is refused with 409 and changes nothing (a second resolution).
 */
@RestController
@RequestMapping("/api/v1/incidents")
@Validated
@SecurityRequirement(name = "basicAuth")
class IncidentController {

    private static final String ID = IncidentIds.PATTERN;
    private static final String ITEM = "[a-z0-9][a-z0-9-]{0,63}";
    private static final String KEY_DESCRIPTION = "Sent again by the same caller with the same body within 24 h, the"
            + " first answer comes back (Idempotent-Replayed: true) and nothing is done twice; with another body, 422.";

    private final CommandSender sender;
    private final Clock clock;
    private final IdempotentRequests idempotent;
    private final Runbooks runbooks;

    IncidentController(CommandSender sender, Clock clock, IdempotentRequests idempotent, Runbooks runbooks) {
        this.sender = sender;
        this.clock = clock;
        this.idempotent = idempotent;
        this.runbooks = runbooks;
    }

    /** A responder's choice of type, with its runbook's checklist; an unknown type is the client's fault. */
    private RunbookChoice chosen(String type) {
        Runbook runbook = runbooks.find(type).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "Unknown incident type '" + type + "'; known: "
                        + String.join(", ", runbooks.all().stream().map(Runbook::type).toList()) + "."));
        return new RunbookChoice(runbook.type(), runbook.title(), runbook.checklist(), false);
    }

    @Operation(summary = "Declare an incident")
    @PostMapping
    ResponseEntity<Map<String, String>> declare(@Valid @RequestBody DeclareIncidentRequest request,
                                                @Parameter(description = KEY_DESCRIPTION)
                                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        RunbookChoice type = request.type() == null ? null : chosen(request.type());
        return idempotent.once(key, request, () -> {
            String id = UUID.randomUUID().toString();
            sender.send(new DeclareIncidentCommand(id, request.title(), request.description(), request.severity(),
                    request.services(), IncidentSource.manual(), clock.instant(), null, request.detectedAt(),
                    Boolean.TRUE.equals(request.drill()), type));
            return ResponseEntity.created(URI.create("/api/v1/incidents/" + id)).body(Map.of("id", id));
        });
    }

    @Operation(summary = "Acknowledge an incident (a second acknowledgement changes nothing)")
    @PostMapping("/{id}/acknowledge")
    ResponseEntity<Void> acknowledge(@PathVariable @Pattern(regexp = ID) String id) {
        sender.send(new AcknowledgeIncidentCommand(id, sender.actor(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Raise or lower the severity")
    @PostMapping("/{id}/severity")
    ResponseEntity<Void> changeSeverity(@PathVariable @Pattern(regexp = ID) String id,
                                        @Valid @RequestBody ChangeSeverityRequest request) {
        sender.send(new ChangeSeverityCommand(id, request.severity(), request.reason(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Post a status-page phase and public message")
    @PostMapping("/{id}/status")
    ResponseEntity<Void> updateStatus(@PathVariable @Pattern(regexp = ID) String id,
                                      @Valid @RequestBody UpdateStatusRequest request,
                                      @Parameter(description = KEY_DESCRIPTION)
                                      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.once(key, request,
                () -> sender.send(new UpdateIncidentStatusCommand(id, request.status(), request.message(), clock.instant(),
                        request.publicTitle(), request.components())));
    }

    @Operation(summary = "Assign a response role")
    @PostMapping("/{id}/roles")
    ResponseEntity<Void> assignRole(@PathVariable @Pattern(regexp = ID) String id,
                                    @Valid @RequestBody AssignRoleRequest request) {
        sender.send(new AssignRoleCommand(id, request.role(), request.person(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Start a rollback (one at a time)")
    @PostMapping("/{id}/rollbacks")
    ResponseEntity<Map<String, String>> startRollback(@PathVariable @Pattern(regexp = ID) String id,
                                                      @Valid @RequestBody StartRollbackRequest request,
                                                      @Parameter(description = KEY_DESCRIPTION)
                                                      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.once(key, request, () -> {
            String rollbackId = UUID.randomUUID().toString();
            sender.send(new StartRollbackCommand(id, rollbackId, request.procedure(), request.services(),
                    request.targetVersion(), request.reason(), clock.instant()));
            return ResponseEntity.created(URI.create("/api/v1/incidents/" + id + "/rollbacks/" + rollbackId))
                    .body(Map.of("rollbackId", rollbackId));
        });
    }

    @Operation(summary = "Mark a running rollback completed")
    @PostMapping("/{id}/rollbacks/{rollbackId}/complete")
    ResponseEntity<Void> completeRollback(@PathVariable @Pattern(regexp = ID) String id,
                                          @PathVariable @Pattern(regexp = ID) String rollbackId) {
        sender.send(new CompleteRollbackCommand(id, rollbackId, clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Mark a running rollback failed")
    @PostMapping("/{id}/rollbacks/{rollbackId}/fail")
    ResponseEntity<Void> failRollback(@PathVariable @Pattern(regexp = ID) String id,
                                      @PathVariable @Pattern(regexp = ID) String rollbackId,
                                      @Valid @RequestBody FailRollbackRequest request) {
        sender.send(new FailRollbackCommand(id, rollbackId, request.reason(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Escalate one level by hand")
    @PostMapping("/{id}/escalate")
    ResponseEntity<Void> escalate(@PathVariable @Pattern(regexp = ID) String id,
                                  @Valid @RequestBody(required = false) EscalateRequest request,
                                  @Parameter(description = KEY_DESCRIPTION)
                                  @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        String note = request == null ? null : request.reason();
        return idempotent.once(key, request, () -> sender.send(new EscalateIncidentCommand(id, note, clock.instant())));
    }

    @Operation(summary = "Resolve an open incident")
    @PostMapping("/{id}/resolve")
    ResponseEntity<Void> resolve(@PathVariable @Pattern(regexp = ID) String id,
                                 @Valid @RequestBody ResolveRequest request) {
        sender.send(new ResolveIncidentCommand(id, request.summary(), request.rootCause(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Reopen a resolved incident")
    @PostMapping("/{id}/reopen")
    ResponseEntity<Void> reopen(@PathVariable @Pattern(regexp = ID) String id,
                                @Valid @RequestBody ReopenRequest request) {
        sender.send(new ReopenIncidentCommand(id, request.reason(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Record a finding or hypothesis: internal, never public (also after resolution)")
    @PostMapping("/{id}/notes")
    ResponseEntity<Map<String, String>> addNote(@PathVariable @Pattern(regexp = ID) String id,
                                                @Valid @RequestBody AddNoteRequest request,
                                                @Parameter(description = KEY_DESCRIPTION)
                                                @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.once(key, request, () -> {
            String noteId = UUID.randomUUID().toString();
            sender.send(new AddNoteCommand(id, noteId, request.text(), sender.actor(), clock.instant()));
            return ResponseEntity.status(201).body(Map.of("noteId", noteId));
        });
    }

    @Operation(summary = "Record a quick fix or a workaround that mitigated the incident (counts towards TTM)")
    @PostMapping("/{id}/mitigations")
    ResponseEntity<Map<String, String>> applyMitigation(@PathVariable @Pattern(regexp = ID) String id,
                                                        @Valid @RequestBody ApplyMitigationRequest request,
                                                        @Parameter(description = KEY_DESCRIPTION)
                                                        @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.once(key, request, () -> {
            String mitigationId = UUID.randomUUID().toString();
            sender.send(new ApplyMitigationCommand(id, mitigationId, request.kind(), request.description(), sender.actor(),
                    clock.instant()));
            return ResponseEntity.status(201).body(Map.of("mitigationId", mitigationId));
        });
    }

    @Operation(summary = "Set the incident type; its runbook's checklist comes with it")
    @PostMapping("/{id}/type")
    ResponseEntity<Void> setType(@PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody SetTypeRequest request) {
        sender.send(new SetIncidentTypeCommand(id, chosen(request.type()), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Tick (or with done=false untick) an item of the incident's runbook checklist")
    @PostMapping("/{id}/runbook/{itemId}")
    ResponseEntity<Void> tickRunbookItem(@PathVariable @Pattern(regexp = ID) String id,
                                         @PathVariable @Pattern(regexp = ITEM) String itemId,
                                         @RequestBody(required = false) TickRequest request) {
        return tick(id, IncidentTypeSet.RUNBOOK_CHECKLIST, itemId, request);
    }

    @Operation(summary = "Tick (or untick) an item of a rollback's checklists: before-*, step-*, verify-*")
    @PostMapping("/{id}/rollbacks/{rollbackId}/checklist/{itemId}")
    ResponseEntity<Void> tickRollbackItem(@PathVariable @Pattern(regexp = ID) String id,
                                          @PathVariable @Pattern(regexp = ID) String rollbackId,
                                          @PathVariable @Pattern(regexp = ITEM) String itemId,
                                          @RequestBody(required = false) TickRequest request) {
        return tick(id, ChecklistItemTicked.rollbackChecklist(rollbackId), itemId, request);
    }

    private ResponseEntity<Void> tick(String id, String checklist, String itemId, TickRequest request) {
        boolean done = request == null || request.ticked();
        sender.send(new TickChecklistItemCommand(id, checklist, itemId, done, sender.actor(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Write one of the post-mortem's own sections (what went well, what to improve, lessons)")
    @PostMapping("/{id}/postmortem/sections")
    ResponseEntity<Void> writeSection(@PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody WriteSectionRequest request) {
        sender.send(new WritePostMortemSectionCommand(id, request.section(), request.text(), sender.actor(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Give the post-mortem a due time and an owner (after resolution)")
    @PostMapping("/{id}/postmortem/schedule")
    ResponseEntity<Void> schedulePostMortem(@PathVariable @Pattern(regexp = ID) String id,
                                            @Valid @RequestBody SchedulePostMortemRequest request) {
        sender.send(new SchedulePostMortemCommand(id, request.owner(), request.dueAt(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Mark the post-mortem completed (a second time changes nothing)")
    @PostMapping("/{id}/postmortem/complete")
    ResponseEntity<Void> completePostMortem(@PathVariable @Pattern(regexp = ID) String id) {
        sender.send(new CompletePostMortemCommand(id, sender.actor(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change an action item's owner, due date or status (OPEN, DONE, WONT_DO), also after resolution")
    @PatchMapping("/{id}/action-items/{actionItemId}")
    ResponseEntity<Void> updateActionItem(@PathVariable @Pattern(regexp = ID) String id,
                                          @PathVariable @Pattern(regexp = ID) String actionItemId,
                                          @Valid @RequestBody UpdateActionItemRequest request) {
        sender.send(new UpdateActionItemCommand(id, actionItemId, request.owner(), request.due(), request.status(),
                sender.actor(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Add a post-mortem action item (also after resolution)")
    @PostMapping("/{id}/action-items")
    ResponseEntity<Map<String, String>> addActionItem(@PathVariable @Pattern(regexp = ID) String id,
                                                      @Valid @RequestBody AddActionItemRequest request,
                                                      @Parameter(description = KEY_DESCRIPTION)
                                                      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return idempotent.once(key, request, () -> {
            String actionItemId = UUID.randomUUID().toString();
            sender.send(new AddActionItemCommand(id, actionItemId, request.text(), request.owner(), request.due(),
                    clock.instant()));
            return ResponseEntity.status(201).body(Map.of("actionItemId", actionItemId));
        });
    }
}
