package io.incidents.notificationservice.template;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
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
import java.time.LocalDate;
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
        // Nothing published yet: the status templates name no internal service, only "some of our services".
        assertThat(templates.render("status-investigating", context))
                .isEqualTo("We are investigating issues affecting some of our services.");
    }

    @Test
    void statusTemplatesSayOnlyWhatAResponderPublishedNeverInternalNamesOrIds() {
        Templates templates = new Templates(null);
        IncidentStatusUpdated update = new IncidentStatusUpdated("inc-1", StatusPagePhase.IDENTIFIED, "A fix is rolling out.",
                T0.plusSeconds(120), "Payments failing", List.of("Checkout", "Card payments"));
        IncidentState state = IncidentStateProjector.project(List.of(declared, raised, update)).orElseThrow();
        var context = MessageContext.of(state, update, LINKS);

        assertThat(templates.render("status-identified", context)).isEqualTo("The cause of the issues affecting Checkout,"
                + " Card payments has been identified and a fix is under way. A fix is rolling out.");
        assertThat(templates.render("status-monitoring", context))
                .isEqualTo("A fix has been applied and we are monitoring Checkout, Card payments. A fix is rolling out.");
        assertThat(templates.render("status-resolved", context))
                .isEqualTo("This incident has been resolved. Affected: Checkout, Card payments.");
        for (String name : Templates.NAMES.stream().filter(name -> name.startsWith("status-")).toList()) {
            assertThat(templates.render(name, context)).as(name)
                    .doesNotContain("Checkout <failing>").doesNotContain("checkout, payments")
                    .doesNotContain("inc-1").doesNotContain("http://");
        }
    }

    @Test
    void procedureDTakesThePublishedComponentsOffline() {
        Templates templates = new Templates(null);
        IncidentStatusUpdated update = new IncidentStatusUpdated("inc-1", StatusPagePhase.INVESTIGATING, "Looking.",
                T0.plusSeconds(120), "Payments failing", List.of("Checkout", "Card payments"));
        RollbackStarted shutdown = new RollbackStarted("inc-1", "rb-1", RollbackProcedure.D, List.of("checkout", "payments"),
                "none", "card data exposed", T0.plusSeconds(180));
        IncidentState published = IncidentStateProjector.project(List.of(declared, update, shutdown)).orElseThrow();
        IncidentState unpublished = IncidentStateProjector.project(List.of(declared, shutdown)).orElseThrow();

        assertThat(templates.render("status-offline", MessageContext.of(published, shutdown, LINKS)))
                .isEqualTo("We have temporarily taken Checkout, Card payments offline.");
        // The rollback's own service list is internal: without published components the post stays vague.
        assertThat(templates.render("status-offline", MessageContext.of(unpublished, shutdown, LINKS)))
                .isEqualTo("We have temporarily taken some of our services offline.");
    }

    @Test
    void aDrillSaysSoInEveryTitleAndSubjectRespondersSee() {
        Templates templates = new Templates(null);
        IncidentDeclared drill = new IncidentDeclared("inc-9", "Checkout failing", null, Severity.SEV1, List.of("checkout"),
                IncidentSource.manual(), T0, null, null, null, true);
        IncidentState state = IncidentStateProjector.project(List.of(drill)).orElseThrow();
        var context = MessageContext.of(state, drill, LINKS);

        assertThat(templates.render("chat-initial", context)).startsWith(":rotating_light: [SEV1] DRILL: Checkout failing\n");
        assertThat(templates.render("chat-progress", context)).startsWith("[SEV1] DRILL: Checkout failing:");
        assertThat(templates.render("chat-resolution", context)).startsWith(":white_check_mark: [SEV1] DRILL: Checkout failing is");
        assertThat(MessageContext.subject(state, "chat-initial")).isEqualTo("DRILL: [SEV1] Checkout failing - declared");
        assertThat(MessageContext.subject(state, "chat-resolution")).isEqualTo("DRILL: [SEV1] Checkout failing - resolved");

        IncidentState real = IncidentStateProjector.project(List.of(declared)).orElseThrow();
        assertThat(MessageContext.subject(real, "chat-initial")).isEqualTo("[SEV2] Checkout <failing> - declared");
        assertThat(templates.render("chat-initial", MessageContext.of(real, declared, LINKS))).doesNotContain("DRILL");
    }

    @Test
    void remindersOverrunsAndMitigationsSayWhatHappened() {
        assertThat(MessageContext.change(new DecisionOverdue("inc-1", Recommendation.ROLLBACK_NOW, T0.plusSeconds(300))))
                .isEqualTo("reminder: ROLLBACK_NOW was to be decided by 2026-11-26T10:05:00Z and no rollback has started");
        assertThat(MessageContext.change(new RollbackOverran("inc-1", "rb-1", RollbackProcedure.B, Duration.ofMinutes(20),
                T0.plusSeconds(1500)))).isEqualTo("rollback (procedure B) is still running past its expected 20 min");
        assertThat(MessageContext.change(new MitigationApplied("inc-1", "m-1", MitigationKind.QUICK_FIX, "hotfix 2.4.1",
                "alice", T0.plusSeconds(60)))).isEqualTo("mitigated by a quick fix: hotfix 2.4.1");
        assertThat(MessageContext.change(new PostMortemOverdue("inc-1", "alice", T0.plusSeconds(172_800))))
                .isEqualTo("reminder: the post-mortem (alice) was due by 2026-11-28T10:00:00Z and is not completed");
        assertThat(MessageContext.change(new ActionItemOverdue("inc-1", "ai-1", "carol", LocalDate.parse("2026-12-01"),
                T0.plusSeconds(500_000)))).isEqualTo("reminder: an action item of carol was due on 2026-12-01 and is still open");
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
