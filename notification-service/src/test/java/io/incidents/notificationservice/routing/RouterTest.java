package io.incidents.notificationservice.routing;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
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
import io.incidents.events.notification.StatusPostKind;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.incident.IncidentStateProjector;
import io.incidents.notificationservice.routing.Notification.StatusPost;
import io.incidents.notificationservice.routing.NotificationProperties.Contact;
import io.incidents.policy.Recommendation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
    void aSev2DeclarationTellsLevelsOneAndTwoTheServiceTeamAndSupportButPostsNothing() {
        // Before SPEC 6's rule a customer-facing declaration also posted "investigating" to the
        // status page; now only a responder's status update puts an incident there.
        List<Notification> told = route(declared(Severity.SEV2));

        assertThat(told).containsExactlyInAnyOrder(
                new Notification(Channel.CHAT, "http://chat/oncall", "chat-initial"),
                new Notification(Channel.EMAIL, "oncall@example.com", "chat-initial"),
                new Notification(Channel.CHAT, "http://chat/checkout", "chat-initial"),
                new Notification(Channel.EMAIL, "devops@example.com", "chat-initial"),
                new Notification(Channel.EMAIL, "support@example.com", "support-alert"),
                new Notification(Channel.WEBHOOK, "bridge", "chat-initial"));
    }

    @Test
    void nothingIsPostedToTheStatusPageAtDeclarationWhateverTheSeverity() {
        for (Severity severity : Severity.values()) {
            history.clear();
            assertThat(route(declared(severity))).as(severity.name()).noneMatch(RouterTest::onStatusPage);
        }
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
                posted(StatusPostKind.IDENTIFIED));
    }

    @Test
    void aResolutionOfAPublishedIncidentTellsEveryoneToldTheSupportTeamAndTheStatusPage() {
        route(declared(Severity.SEV2));
        route(statusUpdate(StatusPagePhase.INVESTIGATING, "Payments failing", List.of("Checkout")));

        List<Notification> told = route(new IncidentResolved(ID, "fixed", "config", T0.plusSeconds(600)));

        assertThat(told).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-resolution"),
                new Notification(Channel.EMAIL, "devops@example.com", "chat-resolution"),
                new Notification(Channel.EMAIL, "support@example.com", "support-resolution"),
                posted(StatusPostKind.RESOLVED),
                new Notification(Channel.WEBHOOK, "bridge", "chat-resolution"));
    }

    @Test
    void aResolutionOfAnIncidentNeverPublishedPostsNothingButSupportStillHearsIt() {
        // Before SPEC 6's rule every customer-facing resolution was posted; an incident that was
        // never on the page must not appear there only to say it is over.
        route(declared(Severity.SEV2));

        List<Notification> told = route(new IncidentResolved(ID, "fixed", "config", T0.plusSeconds(600)));

        assertThat(told).contains(new Notification(Channel.EMAIL, "support@example.com", "support-resolution"))
                .noneMatch(RouterTest::onStatusPage);
    }

    @Test
    void aStatusUpdatePublishesWhateverTheSeverityButSupportHearsOnlyOfCustomerFacingOnes() {
        route(declared(Severity.SEV4));

        List<Notification> told = route(statusUpdate(StatusPagePhase.INVESTIGATING, "Slow search", List.of("Search")));

        assertThat(told).contains(posted(StatusPostKind.INVESTIGATING))
                .noneMatch(notification -> notification.template().startsWith("support-"));
        assertThat(route(new IncidentResolved(ID, "fixed", null, T0.plusSeconds(600))))
                .contains(posted(StatusPostKind.RESOLVED))
                .noneMatch(notification -> notification.template().startsWith("support-"));
    }

    @Test
    void everyPhaseOfAStatusUpdateIsPostedInItsOwnWords() {
        route(declared(Severity.SEV3));

        assertThat(route(statusUpdate(StatusPagePhase.INVESTIGATING, null, null)))
                .contains(posted(StatusPostKind.INVESTIGATING));
        assertThat(route(statusUpdate(StatusPagePhase.IDENTIFIED, null, null)))
                .contains(posted(StatusPostKind.IDENTIFIED));
        assertThat(route(statusUpdate(StatusPagePhase.MONITORING, null, null)))
                .contains(posted(StatusPostKind.MONITORING));
    }

    @Test
    void aRaiseThatMakesAnIncidentCustomerFacingTellsSupportOnceButPostsNothing() {
        route(declared(Severity.SEV4));

        List<Notification> raised = route(new SeverityChanged(ID, Severity.SEV4, Severity.SEV2, "EU down", T0.plusSeconds(60)));
        List<Notification> lowered = route(new SeverityChanged(ID, Severity.SEV2, Severity.SEV4, "EU fine", T0.plusSeconds(120)));
        List<Notification> raisedAgain = route(new SeverityChanged(ID, Severity.SEV4, Severity.SEV1, "all down",
                T0.plusSeconds(180)));

        assertThat(raised).contains(new Notification(Channel.EMAIL, "support@example.com", "support-alert"),
                new Notification(Channel.EMAIL, "devops@example.com", "chat-initial")).noneMatch(RouterTest::onStatusPage);
        assertThat(lowered).noneMatch(notification -> notification.template().startsWith("support-"))
                .noneMatch(RouterTest::onStatusPage);
        // support was told already: a second raise is no news to it
        assertThat(raisedAgain).noneMatch(notification -> notification.template().startsWith("support-"))
                .noneMatch(RouterTest::onStatusPage);
    }

    @Test
    void onceSupportWasToldItHearsTheResolutionEvenAfterALoweringBelowThePublicSeverity() {
        assertThat(route(declared(Severity.SEV2)))
                .contains(new Notification(Channel.EMAIL, "support@example.com", "support-alert"));
        route(new SeverityChanged(ID, Severity.SEV2, Severity.SEV4, "cosmetic after all", T0.plusSeconds(60)));

        List<Notification> told = route(new IncidentResolved(ID, "fixed", null, T0.plusSeconds(600)));

        assertThat(told).contains(new Notification(Channel.EMAIL, "support@example.com", "support-resolution"));
    }

    @Test
    void supportNeverHearsOfAnIncidentThatWasNeverCustomerFacing() {
        List<Notification> declared = route(declared(Severity.SEV4));
        List<Notification> resolved = route(new IncidentResolved(ID, "fixed", null, T0.plusSeconds(600)));

        assertThat(declared).noneMatch(notification -> notification.template().startsWith("support-"));
        assertThat(resolved).noneMatch(notification -> notification.template().startsWith("support-"));
    }

    @Test
    void oncePublishedAnIncidentLoweredToSev4StillGetsTheResolvedPost() {
        route(declared(Severity.SEV2));
        route(statusUpdate(StatusPagePhase.IDENTIFIED, "Payments failing", List.of("Checkout")));

        List<Notification> lowered = route(new SeverityChanged(ID, Severity.SEV2, Severity.SEV4, "minor", T0.plusSeconds(300)));
        List<Notification> resolved = route(new IncidentResolved(ID, "fixed", null, T0.plusSeconds(600)));

        assertThat(lowered).noneMatch(RouterTest::onStatusPage);
        assertThat(resolved).contains(posted(StatusPostKind.RESOLVED),
                new Notification(Channel.EMAIL, "support@example.com", "support-resolution"));
    }

    @Test
    void aReopenIsPostedOnlyForAnIncidentAlreadyOnThePage() {
        route(declared(Severity.SEV2));
        route(new IncidentResolved(ID, "fixed", null, T0.plusSeconds(600)));
        assertThat(route(new IncidentReopened(ID, "back", T0.plusSeconds(900))))
                .contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"))
                .noneMatch(RouterTest::onStatusPage);

        route(statusUpdate(StatusPagePhase.INVESTIGATING, "Payments failing", List.of("Checkout")));
        route(new IncidentResolved(ID, "fixed again", null, T0.plusSeconds(1200)));
        assertThat(route(new IncidentReopened(ID, "back again", T0.plusSeconds(1500))))
                .contains(posted(StatusPostKind.INVESTIGATING));
    }

    @Test
    void procedureDPostsTakenOfflineAndPublishesTheIncidentOtherProceduresDoNot() {
        route(declared(Severity.SEV1));

        List<Notification> codeRollback = route(new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("checkout"), "v1",
                "bad deploy", T0.plusSeconds(60)));
        List<Notification> shutdown = route(new RollbackStarted(ID, "rb-2", RollbackProcedure.D, List.of("checkout"), "none",
                "data corruption", T0.plusSeconds(120)));
        List<Notification> resolved = route(new IncidentResolved(ID, "restored", null, T0.plusSeconds(600)));

        assertThat(codeRollback).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"))
                .noneMatch(RouterTest::onStatusPage);
        assertThat(shutdown).contains(new Notification(Channel.STATUS_PAGE, "public", "status-offline",
                        new StatusPost(StatusPostKind.OFFLINE, StatusPostKind.INVESTIGATING)),
                new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"));
        // the offline post put it on the page: its end is posted too
        assertThat(resolved).contains(posted(StatusPostKind.RESOLVED));
    }

    @Test
    void procedureDsPostIsFiledUnderTheIncidentsCurrentPhase() {
        route(declared(Severity.SEV2));
        route(statusUpdate(StatusPagePhase.MONITORING, "Payments failing", List.of("Checkout")));

        List<Notification> shutdown = route(new RollbackStarted(ID, "rb-1", RollbackProcedure.D, List.of("checkout"), "none",
                "data corruption", T0.plusSeconds(120)));

        assertThat(shutdown).filteredOn(RouterTest::onStatusPage).containsExactly(new Notification(Channel.STATUS_PAGE,
                "public", "status-offline", new StatusPost(StatusPostKind.OFFLINE, StatusPostKind.MONITORING)));
    }

    @Test
    void onlyAStatusPageNotificationSaysWhichPostItIs() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Notification(Channel.STATUS_PAGE, "public", "status-identified"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress",
                        new StatusPost(StatusPostKind.IDENTIFIED, StatusPostKind.IDENTIFIED)));
        assertThatIllegalArgumentException()
                .as("offline is no phase of the page").isThrownBy(() -> new StatusPost(StatusPostKind.OFFLINE, StatusPostKind.OFFLINE));
    }

    @Test
    void aDrillIsToldToRespondersAsUsualButNeverToSupportOrThePublic() {
        List<Notification> all = new ArrayList<>();
        List<Notification> declared = route(drill(Severity.SEV1));
        all.addAll(declared);
        List<Notification> update = route(statusUpdate(StatusPagePhase.IDENTIFIED, "Payments failing", List.of("Checkout")));
        all.addAll(update);
        all.addAll(route(new RollbackStarted(ID, "rb-1", RollbackProcedure.D, List.of("checkout"), "none", "drill",
                T0.plusSeconds(120))));
        List<Notification> resolved = route(new IncidentResolved(ID, "drill over", null, T0.plusSeconds(600)));
        all.addAll(resolved);
        all.addAll(route(new IncidentReopened(ID, "second round", T0.plusSeconds(700))));

        assertThat(declared).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-initial"),
                new Notification(Channel.EMAIL, "oncall@example.com", "chat-initial"),
                new Notification(Channel.EMAIL, "devops@example.com", "chat-initial"),
                new Notification(Channel.CHAT, "http://chat/manager", "chat-initial"),
                new Notification(Channel.EMAIL, "cto@example.com", "chat-initial"));
        assertThat(update).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"));
        assertThat(resolved).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-resolution"));
        assertThat(all).noneMatch(RouterTest::onStatusPage)
                .noneMatch(notification -> notification.recipient().equals("support@example.com"));
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
    void aLatePostMortemOrActionItemIsAChatReminderToEveryLevelTold() {
        route(declared(Severity.SEV2));
        route(new IncidentResolved(ID, "fixed", "config", T0.plusSeconds(600)));

        List<Notification> postMortem = route(new PostMortemOverdue(ID, "alice", T0.plusSeconds(173_400)));
        List<Notification> actionItem = route(new ActionItemOverdue(ID, "ai-1", "carol", LocalDate.parse("2026-12-01"),
                Instant.parse("2026-12-02T00:00:00Z")));

        for (List<Notification> told : List.of(postMortem, actionItem)) {
            assertThat(told).contains(new Notification(Channel.CHAT, "http://chat/oncall", "chat-progress"),
                    new Notification(Channel.CHAT, "http://chat/checkout", "chat-progress"));
            assertThat(told).noneMatch(notification -> notification.channel() == Channel.STATUS_PAGE
                    || notification.template().startsWith("support"));
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

    private static IncidentDeclared drill(Severity severity) {
        return new IncidentDeclared(ID, "Checkout failing", null, severity, List.of("checkout"), IncidentSource.manual(), T0,
                null, null, null, true);
    }

    private IncidentStatusUpdated statusUpdate(StatusPagePhase phase, String publicTitle, List<String> components) {
        return new IncidentStatusUpdated(ID, phase, "public words", T0.plusSeconds(60L + history.size()), publicTitle,
                components);
    }

    /** A post filed under its own phase, from its own template. */
    private static Notification posted(StatusPostKind kind) {
        return new Notification(Channel.STATUS_PAGE, "public", "status-" + kind.name().toLowerCase(Locale.ROOT),
                new StatusPost(kind, kind));
    }

    private static boolean onStatusPage(Notification notification) {
        return notification.channel() == Channel.STATUS_PAGE;
    }

    private List<Notification> route(IncidentEvent event) {
        IncidentState before = IncidentStateProjector.project(history).orElse(null);
        history.add(event);
        IncidentState after = IncidentStateProjector.project(history).orElseThrow();
        return router.route(event, before, after);
    }
}
