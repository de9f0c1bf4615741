package io.incidents.timelineservice.postmortem;

import io.incidents.events.CloudEventHeaders;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.notification.LevelTold;
import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.MessageFailed;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.NotificationFeed;
import io.incidents.timelineservice.ReadApi;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records on {@code notification-events}, as notification-service publishes them, in the
 * post-mortem (JSON and Markdown) and the timeline, also as of a past moment. Its incidents are
 * declared on a day no other test of the shared context reports over.
 */
@IntegrationTest
class NotificationEventsReadModelsIntegrationTest {

    private static final EventFeed incidents = new EventFeed(Incidents.TOPIC);
    private static final NotificationFeed notifications = new NotificationFeed();
    private static final Instant T0 = Instant.parse("2026-08-19T09:00:00Z");

    @Autowired
    TestRestTemplate rest;

    @AfterAll
    static void closeFeeds() {
        incidents.close();
        notifications.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void whatNotificationServiceDidIsInThePostMortemAndTheTimelineOnceEach() {
        ReadApi api = new ReadApi(rest);
        String id = Incidents.newId();
        List<ProducerRecord<String, String>> sent = incidents.publish("alice",
                Incidents.declared(id, Severity.SEV2, T0, "checkout"),
                new SeverityChanged(id, Severity.SEV2, Severity.SEV1, "all payments fail", T0.plusSeconds(300)),
                new RollbackStarted(id, "rb-1", RollbackProcedure.D, List.of("checkout"), "offline", "breach", T0.plusSeconds(600)),
                Incidents.resolved(id, T0, 60));
        String declared = ceId(sent.get(0));
        ProducerRecord<String, String> toldAtDeclaration = NotificationFeed.record(new LevelTold(id, declared, 1, "on-call engineer",
                List.of("Alice Example"), OnCallSource.SCHEDULE, "schedule-1", T0.plusSeconds(1)));
        notifications.send(toldAtDeclaration);
        notifications.publish(
                new MessageDelivered(id, declared, 41, MessageChannel.CHAT, "Platform on-call", "chat-initial", 1, T0.plusSeconds(2)),
                new MessageFailed(id, declared, 42, MessageChannel.EMAIL, "o…@example.com", "support-alert", 1,
                        "SMTP connect refused", false, T0.plusSeconds(62), T0.plusSeconds(3)),
                new LevelTold(id, ceId(sent.get(1)), 2, "team lead", List.of("Dana Osei"), OnCallSource.OVERRIDE, "schedule-2",
                        T0.plusSeconds(301)),
                new StatusPosted(id, ceId(sent.get(2)), StatusPostKind.OFFLINE, "Checkout", List.of("Checkout"),
                        "We have temporarily taken checkout offline.", T0.plusSeconds(601)),
                new StatusPosted(id, ceId(sent.get(3)), StatusPostKind.RESOLVED, "Checkout", List.of("Checkout"),
                        "This incident has been resolved.", T0.plusSeconds(3601)),
                new MessageParked(id, declared, 42, MessageChannel.EMAIL, "o…@example.com", "support-alert", 301,
                        "SMTP connect refused", T0.plusSeconds(86_400)));
        notifications.send(toldAtDeclaration); // notification-service sent it again: same ce_id
        int expected = 4 + 7;
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(api, id, "").size() >= expected);

        List<Map<String, Object>> timeline = entries(api, id, "");
        assertThat(timeline).as("the re-sent record once").hasSize(expected);
        assertThat(timeline).extracting(e -> e.get("type")).containsExactly("IncidentDeclared", "LevelTold", "MessageDelivered",
                "MessageFailed", "SeverityChanged", "LevelTold", "RollbackStarted", "StatusPosted", "IncidentResolved",
                "StatusPosted", "MessageParked");
        assertThat(timeline.get(7)).containsEntry("source", "notification-service").containsEntry("sequence", null)
                .containsEntry("actor", null)
                .containsEntry("text", "status page: Offline posted as \"Checkout\" (Checkout): We have temporarily taken"
                        + " checkout offline.");
        assertThat(timeline.get(6)).containsEntry("source", "incident-service").containsEntry("sequence", 2)
                .containsEntry("actor", "alice");

        Map<String, Object> pm = postMortemJson(api, id);
        List<Map<String, Object>> levels = (List<Map<String, Object>>) pm.get("levelsTold");
        assertThat(levels).extracting(l -> l.get("level")).containsExactly(1, 2);
        assertThat(levels.get(1)).containsEntry("people", List.of("Dana Osei")).containsEntry("source", "OVERRIDE");
        assertThat((Map<String, Object>) levels.get(1).get("cause")).containsEntry("type", "SeverityChanged")
                .containsEntry("text", "raise to SEV1");
        Map<String, Object> communications = (Map<String, Object>) pm.get("communicationsSent");
        assertThat((List<Map<String, Object>>) communications.get("statusPosts")).extracting(p -> p.get("kind"))
                .containsExactly("OFFLINE", "RESOLVED");
        assertThat((List<Map<String, Object>>) communications.get("notDelivered")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("state", "PARKED").containsEntry("recipient", "o…@example.com"));
        assertThat((List<Map<String, Object>>) communications.get("messagesDelivered")).singleElement()
                .satisfies(g -> assertThat(g).containsEntry("template", "chat-initial").containsEntry("recipients",
                        List.of("Platform on-call")));

        String markdown = api.getText("/api/v1/incidents/" + id + "/postmortem", "text/markdown").getBody();
        assertThat(markdown).contains(
                "- 2026-08-19 09:10:01 Offline \"Checkout\" (Checkout) (automatic, at the rollback (procedure D)): We have"
                        + " temporarily taken checkout offline.\n",
                "- 2026-08-19 09:05:01 level 2 (team lead), at the raise to SEV1: Dana Osei (schedule override)\n",
                "- **parked**: support-alert by email to o…@example.com, given up 2026-08-20 09:00:00 after 301 attempts");
    }

    @Test
    void aTimelineAsOfAMomentBeforeANotificationDoesNotShowIt() {
        ReadApi api = new ReadApi(rest);
        String id = Incidents.newId();
        List<ProducerRecord<String, String>> sent = incidents.publish("alice", Incidents.declared(id, Severity.SEV2, T0, "checkout"),
                new RollbackStarted(id, "rb-1", RollbackProcedure.D, List.of("checkout"), "offline", "breach", T0.plusSeconds(600)));
        notifications.publish(new StatusPosted(id, ceId(sent.get(1)), StatusPostKind.OFFLINE, "Checkout", List.of("Checkout"),
                "We have temporarily taken checkout offline.", T0.plusSeconds(601)));
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(api, id, "").size() >= 3);

        assertThat(entries(api, id, "?asOf=" + T0.plusSeconds(600))).extracting(e -> e.get("type"))
                .containsExactly("IncidentDeclared", "RollbackStarted");
        assertThat(entries(api, id, "?asOf=" + T0.plusSeconds(601))).extracting(e -> e.get("type"))
                .containsExactly("IncidentDeclared", "RollbackStarted", "StatusPosted");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> postMortemJson(ReadApi api, String id) {
        String json = api.getText("/api/v1/incidents/" + id + "/postmortem", "application/json").getBody();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(ReadApi api, String id, String query) {
        var response = api.get("/api/v1/incidents/" + id + "/timeline" + query);
        return response.getStatusCode().is2xxSuccessful() ? (List<Map<String, Object>>) response.getBody().get("entries") : List.of();
    }

    private static String ceId(ProducerRecord<String, String> record) {
        return EventFeed.header(record, CloudEventHeaders.ID);
    }
}
