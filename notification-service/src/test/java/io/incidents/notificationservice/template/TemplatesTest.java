package io.incidents.notificationservice.template;

import io.incidents.events.DecisionOverdue;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.incident.IncidentStateProjector;
import io.incidents.notificationservice.routing.NotificationProperties;
import io.incidents.policy.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void remindersOverrunsAndMitigationsSayWhatHappened() {
        assertThat(MessageContext.change(new DecisionOverdue("inc-1", Recommendation.ROLLBACK_NOW, T0.plusSeconds(300))))
                .isEqualTo("reminder: ROLLBACK_NOW was to be decided by 2026-11-26T10:05:00Z and no rollback has started");
        assertThat(MessageContext.change(new RollbackOverran("inc-1", "rb-1", RollbackProcedure.B, Duration.ofMinutes(20),
                T0.plusSeconds(1500)))).isEqualTo("rollback (procedure B) is still running past its expected 20 min");
        assertThat(MessageContext.change(new MitigationApplied("inc-1", "m-1", MitigationKind.QUICK_FIX, "hotfix 2.4.1",
                "alice", T0.plusSeconds(60)))).isEqualTo("mitigated by a quick fix: hotfix 2.4.1");
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
