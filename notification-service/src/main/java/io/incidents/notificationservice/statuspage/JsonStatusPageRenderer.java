package io.incidents.notificationservice.statuspage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.EventJson;
import io.incidents.events.Severity;

import java.time.Instant;
import java.util.List;

/**
 * The status page as JSON for other programs ({@code GET /api/v1/status}, SPEC section 9). Written
 * with the event JSON settings rather than the application's mapper, so the contract (ISO-8601 UTC
 * instants, field names) does not move when someone tunes the web layer's Jackson.
 */
final class JsonStatusPageRenderer {

    private static final ObjectMapper MAPPER = EventJson.newMapper();

    String render(StatusPage page) {
        Body body = new Body(page.operational() ? "operational" : "degraded",
                page.current().stream().map(JsonStatusPageRenderer::current).toList(),
                page.history().stream().map(JsonStatusPageRenderer::resolved).toList());
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status page cannot be written as JSON", e);
        }
    }

    private static Current current(PublicIncident i) {
        return new Current(i.title(), i.severity(), i.components(), i.phase(), i.declaredAt(), updates(i));
    }

    private static Resolved resolved(PublicIncident i) {
        return new Resolved(i.title(), i.severity(), i.components(), i.phase(), i.declaredAt(),
                i.resolvedAt(), updates(i));
    }

    private static List<Update> updates(PublicIncident incident) {
        return incident.updates().stream().map(u -> new Update(u.phase(), u.message(), u.postedAt())).toList();
    }

    // The wire shape; component order is the field order in the output. No incident id and no
    // internal name: only what a responder published for customers (SPEC 6).

    record Body(String status, List<Current> current, List<Resolved> history) {
    }

    record Current(String title, Severity severity, List<String> components, Phase phase,
                   Instant declaredAt, List<Update> updates) {
    }

    record Resolved(String title, Severity severity, List<String> components, Phase phase,
                    Instant declaredAt, Instant resolvedAt, List<Update> updates) {
    }

    record Update(Phase phase, String message, Instant postedAt) {
    }
}
