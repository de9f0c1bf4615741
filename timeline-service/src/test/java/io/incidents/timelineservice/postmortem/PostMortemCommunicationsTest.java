package io.incidents.timelineservice.postmortem;

import io.incidents.events.EscalationReason;
import io.incidents.events.EventJson;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.events.notification.LevelTold;
import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.MessageFailed;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.support.events.StoredEvent;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.notification.Communications;
import io.incidents.timelineservice.notification.StoredNotification;
import io.incidents.timelineservice.timeline.TimelineEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The post-mortem's communications and escalations from what notification-service reported (SPEC 7). */
class PostMortemCommunicationsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000007";
    private final PostMortemGenerator generator = new PostMortemGenerator(SlaPolicy.DEFAULT, RollbackDurations.DEFAULT);

    /** Declared 08:00, raised to SEV1 08:05, procedure D 08:10, escalated manually 08:20, resolved 09:00. */
    private final List<StoredEvent> events = EventFeed.stored("alice",
            Incidents.declared(ID, Severity.SEV2, T0, "checkout"),
            new SeverityChanged(ID, Severity.SEV2, Severity.SEV1, "all payments fail", T0.plusSeconds(300)),
            new RollbackStarted(ID, "rb-1", RollbackProcedure.D, List.of("checkout"), "offline", "breach", T0.plusSeconds(600)),
            new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "We found it.", T0.plusSeconds(900)),
            new IncidentEscalated(ID, 3, EscalationReason.MANUAL, "card network", T0.plusSeconds(1200)),
            Incidents.resolved(ID, T0, 60));
    private final String declared = events.get(0).eventId();
    private final String raised = events.get(1).eventId();
    private final String procedureD = events.get(2).eventId();
    private final String statusUpdate = events.get(3).eventId();
    private final String escalated = events.get(4).eventId();
    private final String resolved = events.get(5).eventId();

    private final List<StoredNotification> notifications = List.of(
            notification("n-01", new LevelTold(ID, declared, 1, "on-call engineer", List.of("Alice Example"), OnCallSource.SCHEDULE,
                    "schedule-1", T0.plusSeconds(1))),
            notification("n-02", new MessageDelivered(ID, declared, 11, MessageChannel.CHAT, "Platform on-call", "chat-initial", 1,
                    T0.plusSeconds(2))),
            notification("n-03", new MessageFailed(ID, declared, 12, MessageChannel.EMAIL, "o…@example.com", "support-alert", 1,
                    "SMTP connect refused", false, T0.plusSeconds(62), T0.plusSeconds(2))),
            notification("n-04", new MessageFailed(ID, declared, 13, MessageChannel.WEBHOOK, "Status mirror", "support-alert", 1,
                    "read timed out", true, T0.plusSeconds(120), T0.plusSeconds(3))),
            notification("n-05", new MessageDelivered(ID, declared, 13, MessageChannel.WEBHOOK, "Status mirror", "support-alert", 2,
                    T0.plusSeconds(120))),
            notification("n-06", new LevelTold(ID, raised, 2, "team lead", List.of("Dana Osei"), OnCallSource.OVERRIDE,
                    "schedule-2", T0.plusSeconds(301))),
            notification("n-07", new MessageDelivered(ID, raised, 14, MessageChannel.CHAT, "Team leads", "chat-initial", 1,
                    T0.plusSeconds(302))),
            notification("n-08", new StatusPosted(ID, procedureD, StatusPostKind.OFFLINE, "Checkout", List.of("Checkout"),
                    "We have temporarily taken checkout offline.", T0.plusSeconds(601))),
            notification("n-09", new StatusPosted(ID, statusUpdate, StatusPostKind.IDENTIFIED, "Checkout", List.of("Checkout"),
                    "We found it.", T0.plusSeconds(901))),
            notification("n-10", new LevelTold(ID, escalated, 3, "engineering manager", List.of(), OnCallSource.NOBODY, null,
                    T0.plusSeconds(1201))),
            notification("n-11", new StatusPosted(ID, resolved, StatusPostKind.RESOLVED, "Checkout", List.of("Checkout"),
                    "This incident has been resolved.", T0.plusSeconds(3601))),
            notification("n-12", new MessageParked(ID, declared, 12, MessageChannel.EMAIL, "o…@example.com", "support-alert", 301,
                    "SMTP connect refused", T0.plusSeconds(86_400))));

    @Test
    void procedureDsOfflinePostAppearsUnderCommunicationsAsPostedAutomatically() {
        PostMortem pm = generator.generate(events, notifications).orElseThrow();

        assertThat(pm.communicationsSent().statusPosts()).extracting(Communications.StatusPost::kind)
                .containsExactly(StatusPostKind.OFFLINE, StatusPostKind.IDENTIFIED, StatusPostKind.RESOLVED);
        assertThat(pm.communicationsSent().statusPosts().get(0)).satisfies(post -> {
            assertThat(post.automatic()).isTrue();
            assertThat(post.cause().type()).isEqualTo("RollbackStarted");
            assertThat(post.publicTitle()).isEqualTo("Checkout");
        });
        assertThat(pm.communicationsSent().statusPosts().get(1).automatic()).as("a responder's update").isFalse();
        assertThat(section(PostMortemMarkdown.render(pm), "## Communications")).contains(
                "### Status page posts\n\n- 2026-11-02 08:10:01 Offline \"Checkout\" (Checkout) (automatic, at the rollback"
                        + " (procedure D)): We have temporarily taken checkout offline.\n"
                        + "- 2026-11-02 08:15:01 Identified \"Checkout\" (Checkout): We found it.\n"
                        + "- 2026-11-02 09:00:01 Resolved \"Checkout\" (Checkout) (automatic, at the resolution): This incident"
                        + " has been resolved.\n",
                // What the responder asked for is still there.
                "### Status updates posted by responders\n\n- 2026-11-02 08:15:00 IDENTIFIED: We found it.\n");
    }

    @Test
    void everyLevelToldIsListedUnderEscalationsWithItsPeopleAndWhereTheyCameFrom() {
        PostMortem pm = generator.generate(events, notifications).orElseThrow();

        assertThat(pm.levelsTold()).extracting(Communications.Level::level).containsExactly(1, 2, 3);
        assertThat(pm.levelsTold().get(1)).satisfies(level -> {
            assertThat(level.people()).containsExactly("Dana Osei");
            assertThat(level.source()).isEqualTo(OnCallSource.OVERRIDE);
            assertThat(level.cause().type()).isEqualTo("SeverityChanged");
            assertThat(level.cause().text()).isEqualTo("raise to SEV1");
        });
        assertThat(section(PostMortemMarkdown.render(pm), "## Escalations")).contains(
                "Levels told (notification-service):\n\n"
                        + "- 2026-11-02 08:00:01 level 1 (on-call engineer), at the declaration: Alice Example (on-call schedule)\n"
                        + "- 2026-11-02 08:05:01 level 2 (team lead), at the raise to SEV1: Dana Osei (schedule override)\n"
                        + "- 2026-11-02 08:20:01 level 3 (engineering manager), at the escalation to level 3 (manual): nobody"
                        + " (its messages went to the next level up)\n",
                "Escalations recorded:\n\n- 2026-11-02 08:20:00 level 3 (engineering manager), MANUAL: card network\n");
    }

    @Test
    void aParkedMessageIsShownAsNotDeliveredAndOneDeliveredOnItsSecondAttemptAsDelivered() {
        PostMortem pm = generator.generate(events, notifications).orElseThrow();

        assertThat(pm.communicationsSent().notDelivered()).singleElement().satisfies(message -> {
            assertThat(message.state()).isEqualTo(Communications.Undelivered.PARKED);
            assertThat(message.recipient()).isEqualTo("o…@example.com");
            assertThat(message.attempts()).isEqualTo(301);
        });
        assertThat(pm.communicationsSent().messagesDelivered()).extracting(Communications.DeliveredGroup::template,
                        Communications.DeliveredGroup::channel, Communications.DeliveredGroup::recipients)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chat-initial", MessageChannel.CHAT, List.of("Platform on-call", "Team leads")),
                        org.assertj.core.groups.Tuple.tuple("support-alert", MessageChannel.WEBHOOK, List.of("Status mirror")));
        String communications = section(PostMortemMarkdown.render(pm), "## Communications");
        assertThat(communications).contains(
                "| chat-initial | chat | Platform on-call, Team leads | 2 | 2026-11-02 08:00:02 | 2026-11-02 08:05:02 |\n",
                "| support-alert | webhook | Status mirror | 1 (1 retried) | 2026-11-02 08:02:00 | 2026-11-02 08:02:00 |\n",
                "### Not delivered\n\nThese recipients were not reached:\n\n- **parked**: support-alert by email to o…@example.com,"
                        + " given up 2026-11-03 08:00:00 after 301 attempts: SMTP connect refused\n");
        assertThat(communications).doesNotContain("Status mirror, given up").doesNotContain("**still failing**");
    }

    @Test
    void theSameEventsInAnyOrderGiveTheSameBytes() throws Exception {
        PostMortem first = generator.generate(events, notifications).orElseThrow();
        List<StoredNotification> shuffled = new ArrayList<>(notifications);
        Collections.shuffle(shuffled, new Random(42));
        List<StoredNotification> reversed = new ArrayList<>(notifications);
        Collections.reverse(reversed);

        for (List<StoredNotification> order : List.of(shuffled, reversed)) {
            PostMortem again = generator.generate(List.copyOf(events), order).orElseThrow();
            assertThat(PostMortemMarkdown.render(again)).isEqualTo(PostMortemMarkdown.render(first));
            assertThat(EventJson.newMapper().writeValueAsString(again)).isEqualTo(EventJson.newMapper().writeValueAsString(first));
        }
    }

    @Test
    void twoNotificationsAtTheSameMomentAreOrderedByEventId() {
        StoredNotification b = notification("n-b", new MessageDelivered(ID, declared, 21, MessageChannel.CHAT, "Bravo", "chat-initial",
                1, T0.plusSeconds(5)));
        StoredNotification a = notification("n-a", new MessageDelivered(ID, declared, 22, MessageChannel.CHAT, "Alpha", "chat-initial",
                1, T0.plusSeconds(5)));

        PostMortem pm = generator.generate(events, List.of(b, a)).orElseThrow();

        assertThat(pm.communicationsSent().messagesDelivered()).singleElement()
                .satisfies(group -> assertThat(group.recipients()).containsExactly("Alpha", "Bravo"));
    }

    @Test
    void notificationServicesEventsAreInTheTimelineRightAfterWhatCalledForThem() {
        PostMortem pm = generator.generate(events, notifications).orElseThrow();

        assertThat(pm.timeline()).hasSize(events.size() + notifications.size());
        List<String> types = pm.timeline().stream().map(TimelineEntry::type).toList();
        assertThat(types.subList(0, 7)).containsExactly("IncidentDeclared", "LevelTold", "MessageDelivered", "MessageFailed",
                "MessageFailed", "MessageDelivered", "SeverityChanged");
        assertThat(pm.timeline()).filteredOn(TimelineEntry::fromNotificationService).allSatisfy(entry -> {
            assertThat(entry.sequence()).isNull();
            assertThat(entry.actor()).isNull();
        });
        assertThat(PostMortemMarkdown.render(pm)).contains(
                "- 2026-11-02 08:10:00 alice started a emergency shutdown (procedure D)",
                "- 2026-11-02 08:20:01 level 3 (engineering manager) had nobody to tell: its messages went to the next level up\n",
                "- 2026-11-02 08:10:01 status page: Offline posted as \"Checkout\" (Checkout): We have temporarily taken checkout"
                        + " offline.\n",
                "- 2026-11-03 08:00:00 support-alert by email to o…@example.com NOT delivered: parked after 301 attempts"
                        + " (SMTP connect refused)\n");
    }

    @Test
    void withoutNotificationEventsTheSectionsSaySoAndKeepTheResponderUpdates() {
        String markdown = PostMortemMarkdown.render(generator.generate(events).orElseThrow());

        assertThat(section(markdown, "## Communications")).contains(
                "notification-service reported nothing sent or posted for this incident.",
                "- 2026-11-02 08:15:00 IDENTIFIED: We found it.");
        assertThat(section(markdown, "## Escalations")).doesNotContain("Levels told")
                .contains("- 2026-11-02 08:20:00 level 3 (engineering manager), MANUAL: card network");
    }

    private static StoredNotification notification(String eventId, io.incidents.events.notification.NotificationEvent event) {
        return StoredNotification.of(eventId, event);
    }

    /** The Markdown section with this heading, up to the next "## " heading. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length());
        return markdown.substring(start, end < 0 ? markdown.length() : end + 1);
    }
}
