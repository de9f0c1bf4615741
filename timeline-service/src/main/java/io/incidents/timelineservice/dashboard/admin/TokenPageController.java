package io.incidents.timelineservice.dashboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.support.security.Role;
import io.incidents.support.web.IncidentIds;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.Flash;
import io.incidents.timelineservice.dashboard.JsonFields;
import io.incidents.timelineservice.dashboard.Refusals;
import io.incidents.timelineservice.dashboard.Upstream;
import jakarta.validation.constraints.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API tokens, kept by incident-service and changed there as the person. A new token's secret
 * travels to the next page in the flash, which Spring removes from the session as that page is
 * shown: after one view it exists nowhere here, and every page is sent with no-store.
 */
@Controller
@DashboardPage
@Validated
class TokenPageController {

    private static final String TOKENS = "/api/v1/admin/tokens";

    private final Upstream upstream;
    private final Clock clock;

    TokenPageController(Upstream upstream, Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
    }

    record TokenRow(String id, String name, String role, String createdBy, Instant createdAt, Instant expiresAt,
                    Instant revokedAt, Instant lastUsedAt, boolean expired) {

        static TokenRow of(JsonNode item, Instant now) {
            Instant expiresAt = JsonFields.instant(item, "expiresAt");
            return new TokenRow(JsonFields.text(item, "id"), JsonFields.text(item, "name"), JsonFields.text(item, "role"),
                    JsonFields.text(item, "createdBy"), JsonFields.instant(item, "createdAt"), expiresAt,
                    JsonFields.instant(item, "revokedAt"), JsonFields.instant(item, "lastUsedAt"),
                    expiresAt != null && !expiresAt.isAfter(now));
        }

        public boolean usable() {
            return revokedAt == null && !expired;
        }
    }

    /** The one time a token is shown (serialisable: the flash lives in the session until the next page). */
    record IssuedToken(String name, String role, Instant expiresAt, String secret) implements Serializable {
    }

    @GetMapping("/admin/tokens")
    String page(Model model) {
        Upstream.Reply reply = upstream.get(Upstream.Service.INCIDENTS, TOKENS);
        Instant now = clock.instant();
        List<TokenRow> tokens = reply.ok() && reply.body() != null ? JsonFields.items(reply.body(), item -> TokenRow.of(item, now)) : null;
        model.addAttribute("tokens", tokens);
        model.addAttribute("tokensUnavailable", tokens == null ? Refusals.unavailable("API tokens", reply) : null);
        model.addAttribute("roles", Role.values());
        return "admin-tokens";
    }

    @PostMapping("/admin/tokens")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
                  @RequestParam(defaultValue = "") String expires, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.trim());
        body.put("role", role.trim());
        if (!expires.isBlank()) {
            try {
                // The first moment of that day in UTC, as the form says.
                body.put("expiresAt", LocalDate.parse(expires.trim()).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
            } catch (DateTimeParseException e) {
                redirect.addFlashAttribute("flash", new Flash(false, "Not created: the expiry must be a date such as 2027-01-31."));
                return "redirect:/admin/tokens";
            }
        }
        Upstream.Reply reply = upstream.post(Upstream.Service.INCIDENTS, TOKENS, body);
        String secret = reply.body() == null ? null : JsonFields.text(reply.body(), "token");
        if (!reply.ok()) {
            redirect.addFlashAttribute("flash", new Flash(false, reply.refusal("Not created")));
        } else if (secret == null) {
            redirect.addFlashAttribute("flash", new Flash(false, "incident-service created the token but its answer held no"
                    + " secret to show: revoke it below and create another."));
        } else {
            JsonNode issued = reply.body();
            redirect.addFlashAttribute("issued", new IssuedToken(JsonFields.text(issued, "name"), JsonFields.text(issued, "role"),
                    JsonFields.instant(issued, "expiresAt"), secret));
            redirect.addFlashAttribute("flash", new Flash(true, "Token created."));
        }
        return "redirect:/admin/tokens";
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable @Pattern(regexp = IncidentIds.PATTERN) String id,
                  @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        Upstream.Reply reply = upstream.delete(Upstream.Service.INCIDENTS, TOKENS + "/" + id);
        String which = name.isBlank() ? "The token" : "The token \u201c" + name.strip() + "\u201d";
        redirect.addFlashAttribute("flash", reply.ok()
                ? new Flash(true, which + " is revoked: every service refuses it within seconds.")
                : new Flash(false, reply.refusal("Not revoked")));
        return "redirect:/admin/tokens";
    }
}
