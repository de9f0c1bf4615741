package io.incidents.timelineservice.dashboard.room;

import io.incidents.support.web.IncidentIds;
import io.incidents.timelineservice.dashboard.Flash;
import io.incidents.timelineservice.dashboard.Upstream;
import jakarta.validation.constraints.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A responder's action from the room (or the board's Ack button), sent on to incident-service's
 * command API as that person. Nothing is checked here beyond the form's shape: incident-service
 * owns every rule, and its answer (done, 400, 409, unreachable) comes back to the page in words.
 */
@Controller
@Validated
class ActionController {

    private static final String ROLLBACK_ID = "[A-Za-z0-9-]{1,64}";

    private final Upstream upstream;

    ActionController(Upstream upstream) {
        this.upstream = upstream;
    }

    /** Each action: where it goes, which form fields make its body, and what success is called. */
    enum Action {
        ACKNOWLEDGE("acknowledge", "/acknowledge", "Acknowledged"),
        SEVERITY("severity", "/severity", "Severity changed", "severity", "reason"),
        STATUS("status", "/status", "Status update posted", "status", "message"),
        ROLE("role", "/roles", "Role assigned", "role", "person"),
        START_ROLLBACK("rollback", "/rollbacks", "Rollback started", "procedure", "services", "targetVersion", "reason"),
        COMPLETE_ROLLBACK("rollback-complete", "/rollbacks/{rollbackId}/complete", "Rollback completed"),
        FAIL_ROLLBACK("rollback-fail", "/rollbacks/{rollbackId}/fail", "Rollback marked failed", "reason"),
        ESCALATE("escalate", "/escalate", "Escalated", "reason"),
        RESOLVE("resolve", "/resolve", "Resolved", "summary", "rootCause"),
        REOPEN("reopen", "/reopen", "Reopened", "reason"),
        ACTION_ITEM("action-item", "/action-items", "Action item added", "text", "owner", "due"),
        NOTE("note", "/notes", "Note added", "text"),
        MITIGATION("mitigation", "/mitigations", "Mitigation recorded", "kind", "description");

        final String name;
        final String path;
        final String done;
        final List<String> fields;

        Action(String name, String path, String done, String... fields) {
            this.name = name;
            this.path = path;
            this.done = done;
            this.fields = List.of(fields);
        }

        static Action named(String name) {
            return Arrays.stream(values()).filter(action -> action.name.equals(name)).findFirst()
                    .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                            org.springframework.http.HttpStatus.NOT_FOUND, "No such action: " + name));
        }
    }

    @PostMapping("/incidents/{id}/actions/{action}")
    String act(@PathVariable @Pattern(regexp = IncidentIds.PATTERN) String id,
               @PathVariable @Pattern(regexp = "[a-z-]{1,32}") String action,
               @RequestParam(required = false) @Pattern(regexp = ROLLBACK_ID) String rollbackId,
               @RequestParam(required = false) String back,
               @RequestParam MultiValueMap<String, String> form,
               RedirectAttributes redirect) {
        Action chosen = Action.named(action);
        if (chosen.path.contains("{rollbackId}") && rollbackId == null) {
            redirect.addFlashAttribute("flash", new Flash(false, "Choose the rollback first."));
            return target(id, back);
        }
        String path = "/api/v1/incidents/" + id + chosen.path.replace("{rollbackId}", String.valueOf(rollbackId));
        Upstream.Reply reply = upstream.post(Upstream.Service.INCIDENTS, path, body(chosen, form));
        redirect.addFlashAttribute("flash", reply.ok() ? new Flash(true, chosen.done + ".")
                : new Flash(false, reply.refusal("Not done")));
        return target(id, back);
    }

    private static Map<String, Object> body(Action action, MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : action.fields) {
            String value = form.getFirst(field);
            if (value == null || value.isBlank()) {
                continue; // absent, so incident-service says what is missing
            }
            body.put(field, field.equals("services")
                    ? Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList()
                    : value.trim());
        }
        return body;
    }

    private static String target(String id, String back) {
        return "board".equals(back) ? "redirect:/" : "redirect:/incidents/" + id + "#actions";
    }
}
