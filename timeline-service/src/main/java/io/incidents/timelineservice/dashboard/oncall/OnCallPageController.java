package io.incidents.timelineservice.dashboard.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.JsonFields;
import io.incidents.timelineservice.dashboard.Refusals;
import io.incidents.timelineservice.dashboard.Upstream;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * "Who do I call now?": who holds each escalation level, where that comes from, until when, who
 * is next and the last hand-off note, as notification-service (which pages them) says, asked as
 * the person looking. {@code ?at=} answers for another moment, e.g. an incident's declaration. If
 * notification-service cannot be reached or refuses, the page says so instead of failing; a
 * moment that cannot be read gets the page back with a 400 and a message.
 */
@Controller
@DashboardPage
class OnCallPageController {

    static final String BAD_MOMENT = "at must be a moment such as 2026-03-09T09:00:00Z, or a date and time such as"
            + " 2026-03-09T09:00 (read as UTC).";

    private final Upstream upstream;
    private final Clock clock;

    OnCallPageController(Upstream upstream, Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
    }

    @GetMapping("/oncall")
    String page(@RequestParam(required = false) String at, Model model, HttpServletResponse response) {
        Instant asked;
        try {
            asked = moment(at);
        } catch (DateTimeParseException e) {
            return refused(BAD_MOMENT, at, model, response);
        }
        Upstream.Reply onCall = upstream.get(Upstream.Service.NOTIFICATIONS, "/api/v1/oncall" + (asked == null ? "" : "?at=" + asked));
        if (onCall.status() == HttpStatus.BAD_REQUEST.value()) {
            return refused("notification-service cannot answer for that moment: " + onCall.detail(), at, model, response);
        }
        boolean live = asked == null;
        JsonNode body = onCall.body();
        Instant shown = body == null ? null : JsonFields.instant(body, "at");
        if (shown == null) {
            shown = asked != null ? asked : clock.instant();
        }
        model.addAttribute("live", live);
        model.addAttribute("shown", shown);
        model.addAttribute("atInput", formInput(live ? null : shown));
        if (!onCall.ok() || body == null || !body.path("levels").isArray()) {
            model.addAttribute("unavailable", Refusals.unavailable("Who is on call", onCall));
            return "oncall";
        }
        OnCallLevels.Contacts contacts = OnCallLevels.Contacts.of(null);
        if (OnCallLevels.needsContacts(body)) {
            Upstream.Reply levels = upstream.get(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels?at=" + shown);
            contacts = levels.ok() && levels.body() != null ? OnCallLevels.Contacts.of(levels.body())
                    : OnCallLevels.Contacts.unavailable(levels.ok() ? "the answer was not understood." : levels.detail());
        }
        model.addAttribute("levels", OnCallLevels.read(body, contacts, shown, live));
        model.addAttribute("checklist", checklist());
        return "oncall";
    }

    /** The plan's on-call checklists (before, during, after the shift), as notification-service serves them; null if it cannot. */
    private Checklist checklist() {
        Upstream.Reply reply = upstream.get(Upstream.Service.NOTIFICATIONS, "/api/v1/oncall/checklist");
        if (!reply.ok() || reply.body() == null || !reply.body().path("sections").isArray()) {
            return null;
        }
        List<Checklist.Section> sections = new ArrayList<>();
        for (JsonNode section : reply.body().path("sections")) {
            List<String> items = new ArrayList<>();
            section.path("items").forEach(item -> items.add(item.asText()));
            sections.add(new Checklist.Section(JsonFields.text(section, "name"), List.copyOf(items)));
        }
        return new Checklist(JsonFields.text(reply.body(), "title"), JsonFields.text(reply.body(), "introduction"), List.copyOf(sections));
    }

    record Checklist(String title, String introduction, List<Section> sections) {

        record Section(String name, List<String> items) {
        }
    }

    /**
     * The moment asked for: an instant ({@code 2026-03-09T09:00:00Z}, or with an offset), or what a
     * {@code datetime-local} field sends ({@code 2026-03-09T09:00}, seconds optional), read as UTC:
     * the page's script sends the viewer's own time as an instant. Null for now.
     */
    static Instant moment(String at) {
        if (at == null || at.isBlank()) {
            return null;
        }
        String text = at.strip();
        Instant moment;
        try {
            moment = Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                moment = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notWithAnOffset) {
                moment = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        }
        // Years of four digits only: beyond them an instant is written with a sign, which a query cannot carry as is.
        int year = moment.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) {
            throw new DateTimeParseException("year out of range", text, 0);
        }
        return moment;
    }

    /** The moment as a {@code datetime-local} field holds it, in UTC to the second; empty for now. */
    static String formInput(Instant at) {
        return at == null ? "" : LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).toString();
    }

    private static String refused(String message, String at, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", message);
        model.addAttribute("live", false);
        model.addAttribute("atInput", at == null ? "" : at.strip());
        return "oncall";
    }
}
