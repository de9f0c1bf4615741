package io.incidents.notificationservice.template;

import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.incident.IncidentStateProjector;
import io.incidents.notificationservice.routing.NotificationProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final NotificationProperties.Links LINKS = new NotificationProperties.Links("http://timeline", "http://status");
    private final IncidentDeclared declared = new IncidentDeclared("inc-1", "Checkout <failing>", null, Severity.SEV2,
            List.of("checkout", "payments"), IncidentSource.manual(), T0);
    private final SeverityChanged raised = new SeverityChanged("inc-1", Severity.SEV2, Severity.SEV1, "all regions",
            T0.plusSeconds(60));

    @Test
    void everyShippedTemplateRendersFromIncidentState() {
        Templates templates = new Templates(null);
        IncidentState state = IncidentStateProjector.project(List.of(declared, raised)).orElseThrow();
        var context = MessageContext.of(state, raised, LINKS);

        for (String name : Templates.NAMES) {
            assertThat(templates.render(name, context)).as(name).isNotBlank().doesNotContain("{{");
        }
        assertThat(templates.render("chat-progress", context))
                .isEqualTo("[SEV1] Checkout <failing>: severity raised from SEV2 to SEV1: all regions\n"
                        + "Details: http://timeline/api/v1/incidents/inc-1");
        assertThat(templates.render("status-investigating", context))
                .isEqualTo("We are investigating issues affecting checkout, payments.");
    }

    @Test
    void aFileInTheTemplateFolderReplacesTheDefault(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("support-alert.mustache"), "Heads up: {{title}} ({{severity}})");
        Templates templates = new Templates(dir.toString());
        IncidentState state = IncidentStateProjector.project(List.of(declared)).orElseThrow();

        assertThat(templates.render("support-alert", MessageContext.of(state, declared, LINKS)))
                .isEqualTo("Heads up: Checkout <failing> (SEV2)");
        assertThat(templates.render("support-resolution", MessageContext.of(state, declared, LINKS))).startsWith("Resolved:");
    }
}
