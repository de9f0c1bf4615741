package io.incidents.timelineservice.dashboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.support.audit.AuditLog;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.JsonFields;
import io.incidents.timelineservice.dashboard.Upstream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The audit log of all three services on one page: timeline-service's own straight from its
 * table, incident-service's and notification-service's from their audit endpoints as the person.
 * The filters go to each service unchanged, so each applies them the same way.
 */
@Controller
@DashboardPage
class AuditPageController {

    static final int LIMIT = 200;
    static final String TIMELINE = "timeline-service";
    static final String INCIDENTS = "incident-service";
    static final String NOTIFICATIONS = "notification-service";
    /** The actions the services record, offered as suggestions; any other name may be typed. */
    static final List<String> KNOWN_ACTIONS = List.of("ACCESS_DENIED", "DEAD_LETTER_RETRIED", "INTEGRATION_CREATED",
            "INTEGRATION_REVOKED", "LOGIN_FAILED", "REPLAY_STARTED", "TOKEN_CREATED", "TOKEN_REVOKED");

    private final AuditLog audit;
    private final Upstream upstream;

    AuditPageController(AuditLog audit, Upstream upstream) {
        this.audit = audit;
        this.upstream = upstream;
    }

    /**
     * The form as typed, and what it means: {@code from} and {@code to} are whole UTC days, both
     * included; {@code problems} says in words what could not be understood.
     */
    record Filter(String actor, String action, String fromDay, String toDay, Instant from, Instant to, List<String> problems) {

        static Filter of(String actor, String action, String fromDay, String toDay) {
            List<String> problems = new ArrayList<>();
            String who = blankToNull(actor);
            if (who != null && (who.length() > 200 || who.chars().anyMatch(Character::isISOControl))) {
                problems.add("The actor must be a name of at most 200 characters.");
                who = null;
            }
            String what = blankToNull(action);
            if (what != null) {
                what = what.toUpperCase(Locale.ROOT);
                if (!what.matches("[A-Z_]{1,60}")) {
                    problems.add("The action must be a name such as LOGIN_FAILED (letters and underscores).");
                    what = null;
                }
            }
            Instant from = day(fromDay, "from", problems);
            Instant to = day(toDay, "to", problems);
            Instant toExclusive = to == null ? null : to.plusSeconds(86_400);
            if (from != null && toExclusive != null && !from.isBefore(toExclusive)) {
                problems.add("The period ends before it starts.");
            }
            return new Filter(who, what, blankToNull(fromDay), blankToNull(toDay), from, toExclusive, List.copyOf(problems));
        }

        private static Instant day(String text, String which, List<String> problems) {
            String day = blankToNull(text);
            if (day == null) {
                return null;
            }
            try {
                return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                problems.add("\u201c" + which + "\u201d must be a date such as 2026-11-26.");
                return null;
            }
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }

        /** The query string the services' audit endpoints take. */
        String query(int limit) {
            StringBuilder query = new StringBuilder("?limit=").append(limit);
            append(query, "actor", actor);
            append(query, "action", action);
            append(query, "from", from == null ? null : from.toString());
            append(query, "to", to == null ? null : to.toString());
            return query.toString();
        }

        private static void append(StringBuilder query, String name, String value) {
            if (value != null) {
                query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        Filter filter = Filter.of(actor, action, from, to);
        model.addAttribute("filter", filter);
        model.addAttribute("knownActions", KNOWN_ACTIONS);
        model.addAttribute("limit", LIMIT);
        if (filter.problems().isEmpty()) {
            model.addAttribute("result", AuditMerge.merge(List.of(local(filter), remote(INCIDENTS, Upstream.Service.INCIDENTS, filter),
                    remote(NOTIFICATIONS, Upstream.Service.NOTIFICATIONS, filter)), LIMIT));
        }
        return "admin-audit";
    }

    private AuditMerge.Source local(Filter filter) {
        try {
            return AuditMerge.Source.answered(TIMELINE, audit.find(new AuditLog.Query(filter.actor(), filter.action(),
                            filter.from(), filter.to(), LIMIT)).stream()
                    .map(entry -> new AuditMerge.Row(TIMELINE, entry.id(), entry.at(), entry.actor(), entry.action(),
                            entry.target(), entry.detail(), entry.address()))
                    .toList());
        } catch (org.springframework.dao.DataAccessException e) {
            return AuditMerge.Source.failed(TIMELINE, "its database did not answer (" + e.getClass().getSimpleName() + ").");
        }
    }

    private AuditMerge.Source remote(String name, Upstream.Service service, Filter filter) {
        Upstream.Reply reply = upstream.get(service, "/api/v1/admin/audit" + filter.query(LIMIT));
        if (!reply.ok() || reply.body() == null) {
            return AuditMerge.Source.failed(name, reply.ok() ? "its answer was not understood." : reply.detail());
        }
        return AuditMerge.Source.answered(name, JsonFields.items(reply.body(), item -> row(name, item)));
    }

    private static AuditMerge.Row row(String service, JsonNode item) {
        return new AuditMerge.Row(service, item.path("id").asLong(), JsonFields.instant(item, "at"), JsonFields.text(item, "actor"),
                JsonFields.text(item, "action"), JsonFields.text(item, "target"), JsonFields.text(item, "detail"),
                JsonFields.text(item, "address"));
    }
}
