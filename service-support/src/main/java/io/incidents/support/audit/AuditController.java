package io.incidents.support.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** This service's audit log, for ADMINs (the rule lives with the other /api/v1/admin rules). */
@RestController
@Validated
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** Newest first; filter by actor, action (e.g. LOGIN_FAILED) and time ({@code from} inclusive, {@code to} exclusive). */
    @GetMapping("/api/v1/admin/audit")
    Map<String, List<AuditLog.Entry>> audit(
            @RequestParam(required = false) @Pattern(regexp = "[^\\p{Cntrl}]{1,200}", message = "must be a name of at most 200 characters") String actor,
            @RequestParam(required = false) @Pattern(regexp = "[A-Z_]{1,60}", message = "must be an action name such as LOGIN_FAILED") String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Map.of("items", audit.find(new AuditLog.Query(actor, action, from, to, limit)));
    }
}
