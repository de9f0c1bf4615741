package io.incidents.notificationservice.routing;

import io.incidents.events.DecisionOverdue;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.incident.IncidentStateProjector;
import io.incidents.notificationservice.routing.NotificationProperties.Contact;
import io.incidents.policy.Recommendation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String ID = "inc-1";

    private final Router router = new Router(new NotificationProperties(
            Map.of(1, List.of(new Contact("on-call", "oncall@example.com", "http://chat/oncall")),
                    2, List.of(new Contact("devops", "devops@example.com", null)),
                    3, List.of(new Contact("manager", null, "http://chat/manager")),
                    4, List.of(new Contact("cto", "cto@example.com", null))),
            Map.of("checkout", List.of(new Contact("checkout team", null, "http://chat/checkout"))),
            List.of(new Contact("support", "support@example.com", null)),
            List.of(new NotificationProperties.Webhook("bridge", "http://hooks/bridge", "s3cret")),
            Severity.SEV3, new NotificationProperties.Links("http://t", "http://s"), Duration.ofSeconds(60)));

    private final List<IncidentEvent> history = new ArrayList<>();

    @Test
    void aSev2DeclarationTellsLevelsOneAndTwoTheServiceTeamSupportAndTheStatusPage() {
        List<Notification> told = route(declared(Severity.SEV2));

        assertThat(told).containsExactlyInAnyOrder(
                new Notification(Channel.CHAT, "http://chat/oncall", "chat-initial"),
                new Notification(Channel.EMAIL, "oncall@example.com", "chat-initial"),
                new Notification(Channel.CHAT, "http://chat/checkout", "chat-initial"),
                new Notification(Channel.EMAIL, "devops@example.com", "chat-initial"),
                new Notification(Channel.EMAIL, "support@example.com", "support-alert"),
                new Notification(Channel.STATUS_PAGE, "public", "status-investigating"),
                new Notification(Channel.WEBHOOK, "bridge", "chat-initial"));
    }

    @Test
    void aSev1DeclarationTellsEveryLevelAtOnce() {
        assertThat(route(declared(Severity.SEV1))).extracting(Notification::recipient)
                .contains("http://chat/oncall", "devops@example.com", "http://chat/manager", "cto@example.com");
    }

    @Test
    void aSev4IsLoggedOnlyNobodyIsToldAndNothingIsPublic() {
        assertThat(route(declared(Severity.SEV4))).containsExactly(new Notification(Channel.WEBHOOK, "bridge", "chat-initial"));
    }

    @Test
    void anEscalationTellsTheNextLevelAndUpdatesThoseAlreadyTold() {
        route(declared(Severity.SEV3));

        List<Notification> told = route(new IncidentEscalated(ID, 2, EscalationReason.ACK_OVERDUE, null, T0.plusSeconds(1800)));

        assertThat(told).contains(new Notification(Channel.EMAIL, "devops@example.com", "chat-initial"),
                new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"));
        assertThat(told).doesNotContain(new Notification(Channel.EMAIL, "oncall@example.com", "chat-progress"));
    }

    @Test
    void progressGoesToChatAndAPublicStatusUpdateToTheStatusPage() {
        route(declared(Severity.SEV3));
        route(new IncidentAcknowledged(ID, "alice", T0.plusSeconds(60)));

        List<Notification> told = route(new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "found it", T0.plusSeconds(90)));

        assertThat(told).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"),
                new Notification(Channel.STATUS_PAGE, "public", "status-identified"));
    }

    @Test
    void aResolutionTellsEveryoneToldTheSupportTeamAndTheStatusPage() {
        route(declared(Severity.SEV2));

        List<Notification> told = route(new IncidentResolved(ID, "fixed", "config", T0.plusSeconds(600)));

        assertThat(told).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-resolution"),
                new Notification(Channel.EMAIL, "devops@example.com", "chat-resolution"),
                new Notification(Channel.EMAIL, "support@example.com", "support-resolution"),
                new Notification(Channel.STATUS_PAGE, "public", "status-resolved"),
                new Notification(Channel.WEBHOOK, "bridge", "chat-resolution"));
    }

    @Test
    void aDecisionReminderAndARollbackOverrunGoToEveryLevelToldInChat() {
        route(declared(Severity.SEV1));
        route(new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("checkout"), "v1", "bad deploy", T0.plusSeconds(60)));

        List<Notification> reminded = route(new DecisionOverdue(ID, Recommendation.ROLLBACK_NOW, T0.plusSeconds(300)));
        List<Notification> overran = route(new RollbackOverran(ID, "rb-1", RollbackProcedure.A, Duration.ofMinutes(10),
                T0.plusSeconds(660)));

        for (List<Notification> told : List.of(reminded, overran)) {
            assertThat(told).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"),
                    new Notification(Channel.CHAT, "http://chat/manager", "chat-progress"),
                    new Notification(Channel.CHAT, "http://chat/checkout", "chat-progress"));
            assertThat(told).noneMatch(notification -> notification.channel() == Channel.STATUS_PAGE);
        }
    }

    @Test
    void aMitigationIsProgressButANoteGoesToNoPersonAndNeverToTheStatusPage() {
        route(declared(Severity.SEV2));

        assertThat(route(new MitigationApplied(ID, "m-1", MitigationKind.WORKAROUND, "traffic moved", "alice",
                T0.plusSeconds(120)))).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"));
        assertThat(route(new IncidentNoteAdded(ID, "n-1", "suspect the retry loop", "alice", T0.plusSeconds(130))))
                .containsExactly(new Notification(Channel.WEBHOOK, "bridge", "chat-progress"));
    }

    private static IncidentDeclared declared(Severity severity) {
        return new IncidentDeclared(ID, "Checkout failing", null, severity, List.of("checkout"), IncidentSource.manual(), T0);
    }

    private List<Notification> route(IncidentEvent event) {
        IncidentState before = IncidentStateProjector.project(history).orElse(null);
        history.add(event);
        IncidentState after = IncidentStateProjector.project(history).orElseThrow();
        return router.route(event, before, after);
    }
}
