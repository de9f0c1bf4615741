package io.incidents.notificationservice.routing;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.notification.OnCallSource;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.incident.IncidentStateProjector;
import io.incidents.notificationservice.routing.NotificationProperties.Contact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** SPEC 4: who is "the on-call engineer" at a moment comes from the level's schedule, else its configured contacts. */
class RouterOnCallTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant HAND_OFF = T0.plus(Duration.ofHours(1));
    private static final String ID = "inc-1";
    private static final Contact ANA = new Contact("Ana Lima", "ana@example.com", "http://chat/ana");
    private static final Contact BEN = new Contact("Ben Okafor", null, "http://chat/ben");

    private final NotificationProperties properties = properties(Map.of(
            1, List.of(new Contact("on-call", "oncall@example.com", "http://chat/oncall")),
            2, List.of(new Contact("devops", null, "http://chat/devops")),
            4, List.of(new Contact("cto", null, "http://chat/cto"))));

    /** Level 1's schedule hands over from Ana to Ben an hour after T0; the other levels have no schedule. */
    private final Roster roster = (level, at) -> level != 1 ? HeldLevel.configured(level, properties.level(level), null)
            : new HeldLevel(1, List.of(at.isBefore(HAND_OFF) ? ANA : BEN), OnCallSource.SCHEDULE, "schedule-1");

    private final List<IncidentEvent> history = new ArrayList<>();

    @Test
    void whoeverTheScheduleHadOnCallWhenTheEventHappenedIsTold() {
        Router router = new Router(properties, roster);

        List<Notification> declared = route(router, declared(Severity.SEV3, T0));
        List<Notification> acknowledged = route(router, new IncidentAcknowledged(ID, "ana", HAND_OFF.plusSeconds(60)));

        assertThat(declared).contains(new Notification(Channel.CHAT, "http://chat/ana", "chat-initial"),
                        new Notification(Channel.EMAIL, "ana@example.com", "chat-initial"))
                .doesNotContain(new Notification(Channel.CHAT, "http://chat/oncall", "chat-initial"));
        assertThat(acknowledged).as("after the hand-off, level 1 is Ben")
                .contains(new Notification(Channel.CHAT, "http://chat/ben", "chat-progress"))
                .doesNotContain(new Notification(Channel.CHAT, "http://chat/ana", "chat-progress"));
    }

    @Test
    void theLevelsAnEventNewlyTellsAreListedWithWhoHeldThemAndWhereThatCameFrom() {
        Router router = new Router(properties, roster);
        IncidentDeclared declared = declared(Severity.SEV2, T0);
        SeverityChanged raised = new SeverityChanged(ID, Severity.SEV2, Severity.SEV1, "worse", HAND_OFF.plusSeconds(60));

        assertThat(levelsTold(router, declared)).extracting(HeldLevel::level, HeldLevel::names, HeldLevel::source).containsExactly(
                tuple(1, List.of("Ana Lima"), OnCallSource.SCHEDULE),
                tuple(2, List.of("devops"), OnCallSource.CONTACTS));
        assertThat(levelsTold(router, raised)).as("a raise lists only the levels it adds")
                .extracting(HeldLevel::level, HeldLevel::names, HeldLevel::source).containsExactly(
                        tuple(3, List.of(), OnCallSource.NOBODY),
                        tuple(4, List.of("cto"), OnCallSource.CONTACTS));
    }

    @Test
    void aLevelWithNobodyAtAllPassesItsMessagesToTheNextLevelUpThatHasSomeone() {
        Router router = new Router(properties(Map.of(2, List.of(new Contact("devops", null, "http://chat/devops")))));
        IncidentDeclared declared = declared(Severity.SEV3, T0);

        List<Notification> initial = route(router, declared);
        List<HeldLevel> told = router.levelsTold(declared, null, IncidentStateProjector.project(history).orElseThrow());
        List<Notification> progress = route(router, new IncidentAcknowledged(ID, "dee", T0.plusSeconds(60)));

        assertThat(told).extracting(HeldLevel::level, HeldLevel::source)
                .containsExactly(tuple(1, OnCallSource.NOBODY), tuple(2, OnCallSource.CONTACTS));
        assertThat(initial).contains(new Notification(Channel.CHAT, "http://chat/devops", "chat-initial"));
        assertThat(progress).contains(new Notification(Channel.CHAT, "http://chat/devops", "chat-progress"));
    }

    @Test
    void eachLevelIsLookedUpOncePerEventForItsMessagesAndTheLevelsItTells() {
        List<Integer> asked = new ArrayList<>();
        Router router = new Router(properties, (level, at) -> {
            asked.add(level);
            return roster.at(level, at);
        });
        IncidentDeclared declared = declared(Severity.SEV1, T0);
        history.add(declared);

        Router.Routing routing = router.decide(declared, null, IncidentStateProjector.project(history).orElseThrow());

        assertThat(routing.levelsTold()).extracting(HeldLevel::level).containsExactly(1, 2, 3, 4);
        assertThat(routing.notifications()).contains(new Notification(Channel.CHAT, "http://chat/ana", "chat-initial"));
        assertThat(asked).as("one lookup per level, shared by the messages and the levels told").containsExactly(1, 2, 3, 4);
    }

    /** The levels the event newly tells; the event then joins the incident's history. */
    private List<HeldLevel> levelsTold(Router router, IncidentEvent event) {
        IncidentState before = IncidentStateProjector.project(history).orElse(null);
        history.add(event);
        return router.levelsTold(event, before, IncidentStateProjector.project(history).orElseThrow());
    }

    private List<Notification> route(Router router, IncidentEvent event) {
        IncidentState before = IncidentStateProjector.project(history).orElse(null);
        history.add(event);
        return router.route(event, before, IncidentStateProjector.project(history).orElseThrow());
    }

    private static IncidentDeclared declared(Severity severity, Instant at) {
        return new IncidentDeclared(ID, "Checkout failing", null, severity, List.of("checkout"), IncidentSource.manual(), at);
    }

    private static NotificationProperties properties(Map<Integer, List<Contact>> levels) {
        return new NotificationProperties(levels, Map.of(), List.of(), List.of(), Severity.SEV3,
                new NotificationProperties.Links("http://t", "http://s"), Duration.ofSeconds(60));
    }
}
