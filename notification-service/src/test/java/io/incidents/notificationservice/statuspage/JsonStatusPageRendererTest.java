package io.incidents.notificationservice.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.incidents.notificationservice.statuspage.Fixtures.NOW;
import static io.incidents.notificationservice.statuspage.Fixtures.open;
import static io.incidents.notificationservice.statuspage.Fixtures.page;
import static io.incidents.notificationservice.statuspage.Fixtures.published;
import static io.incidents.notificationservice.statuspage.Fixtures.resolved;
import static io.incidents.notificationservice.statuspage.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

class JsonStatusPageRendererTest {

    private final JsonStatusPageRenderer renderer = new JsonStatusPageRenderer();

    @Test
    void reports_operational_with_empty_lists_when_nothing_is_open() throws Exception {
        JsonNode json = parse(renderer.render(page(List.of(), List.of())));

        assertThat(fieldNames(json)).containsExactly("status", "current", "history");
        assertThat(json.get("status").asText()).isEqualTo("operational");
        assertThat(json.get("current").isArray()).isTrue();
        assertThat(json.get("current")).isEmpty();
        assertThat(json.get("history")).isEmpty();
    }

    @Test
    void reports_degraded_with_each_open_incident_and_its_updates() throws Exception {
        StatusPage page = page(List.of(open("inc-1", "Chat down", Severity.SEV2, Phase.IDENTIFIED,
                        Instant.parse("2025-06-30T09:05:00Z"), "Chat", "Push notifications")),
                List.of(update(1, "inc-1", Phase.INVESTIGATING, "Looking.", Instant.parse("2025-06-30T09:10:00Z")),
                        update(2, "inc-1", Phase.IDENTIFIED, "Found it.", Instant.parse("2025-06-30T09:40:00Z"))));

        String raw = renderer.render(page);
        JsonNode json = parse(raw);

        assertThat(json.get("status").asText()).isEqualTo("degraded");
        JsonNode incident = json.get("current").get(0);
        // No incident id and no internal service names: only what a responder published (SPEC 6).
        assertThat(fieldNames(incident))
                .containsExactly("title", "severity", "components", "phase", "declaredAt", "updates");
        assertThat(raw).doesNotContain("inc-1").doesNotContain("incidentId").doesNotContain("services");
        assertThat(incident.get("title").asText()).isEqualTo("Chat down");
        assertThat(incident.get("severity").asText()).isEqualTo("SEV2");
        assertThat(incident.get("components")).extracting(JsonNode::asText).containsExactly("Chat", "Push notifications");
        assertThat(incident.get("phase").asText()).isEqualTo("IDENTIFIED");
        assertThat(incident.get("declaredAt").asText()).isEqualTo("2025-06-30T09:05:00Z");
        JsonNode newest = incident.get("updates").get(0);
        assertThat(fieldNames(newest)).containsExactly("phase", "message", "postedAt");
        assertThat(newest.get("phase").asText()).isEqualTo("IDENTIFIED");
        assertThat(newest.get("message").asText()).isEqualTo("Found it.");
        assertThat(newest.get("postedAt").asText()).isEqualTo("2025-06-30T09:40:00Z");
        assertThat(incident.get("updates").get(1).get("message").asText()).isEqualTo("Looking.");
    }

    @Test
    void gives_resolved_incidents_their_resolution_time() throws Exception {
        StatusPage page = page(List.of(resolved("inc-2", "Website unavailable", Severity.SEV1,
                        Instant.parse("2025-06-01T10:00:00Z"), Instant.parse("2025-06-01T10:45:00Z"), "Website")),
                List.of(update(4, "inc-2", Phase.RESOLVED, "Fixed.", Instant.parse("2025-06-01T10:45:00Z"))));

        String raw = renderer.render(page);
        JsonNode history = parse(raw).get("history").get(0);

        assertThat(fieldNames(history)).containsExactly(
                "title", "severity", "components", "phase", "declaredAt", "resolvedAt", "updates");
        assertThat(raw).doesNotContain("inc-2");
        assertThat(history.get("components")).extracting(JsonNode::asText).containsExactly("Website");
        assertThat(history.get("phase").asText()).isEqualTo("RESOLVED");
        assertThat(history.get("resolvedAt").asText()).isEqualTo("2025-06-01T10:45:00Z");
        assertThat(history.get("updates").get(0).get("message").asText()).isEqualTo("Fixed.");
    }

    @Test
    void gives_an_empty_component_list_when_none_were_published() throws Exception {
        JsonNode incident = parse(renderer.render(published(
                open("inc-3", "Service disruption", Severity.SEV3, Phase.INVESTIGATING, NOW)))).get("current").get(0);

        assertThat(incident.get("components").isArray()).isTrue();
        assertThat(incident.get("components")).isEmpty();
        assertThat(incident.get("title").asText()).isEqualTo("Service disruption");
    }

    @Test
    void leaves_out_an_incident_without_a_post() throws Exception {
        JsonNode json = parse(renderer.render(page(List.of(
                open("inc-4", "Chat down", Severity.SEV1, Phase.INVESTIGATING, NOW, "Chat")), List.of())));

        assertThat(json.get("status").asText()).isEqualTo("operational");
        assertThat(json.get("current")).isEmpty();
    }

    private static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
