package io.incidents.notificationservice.incident;

import io.incidents.events.CloudEventHeaders;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How incident events come in: told in each incident's order whatever order they arrive in (a
 * gap waits, at most gap-hold), and a record that cannot be processed parked with its headers,
 * ready to be re-driven.
 */
@IntegrationTest
@TestPropertySource(properties = {"notifications.topic=it-notification-dead-letters",
        "notifications.levels.1[0].name=on-call", "notifications.levels.1[0].email=oncall@example.com",
        "notifications.levels.1[0].chat-webhook=http://127.0.0.1:9/chat/on-call",
        "notifications.gap-hold=2s", "notifications.gap-check-interval=300ms"})
class IncidentEventsIntakeIntegrationTest {

    private static final EventFeed feed = new EventFeed("it-notification-dead-letters");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Test
    void aParkedRecordKeepsItsHeadersAndIsReDrivenThroughTheSameProcessing() {
        String broken = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", ("poison-" + broken).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "incident.IncidentDeclared.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_sequence", "0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/incident-service".getBytes(StandardCharsets.UTF_8));
        feed.send(new ProducerRecord<>("it-notification-dead-letters", null, broken, "{not json", headers));

        await().atMost(Duration.ofSeconds(30)).until(() -> parked(broken) != null);
        long id = ((Number) parked(broken).get("id")).longValue();

        ResponseEntity<Map> stillBroken = TestLogins.ADMIN.on(rest)
                .postForEntity("/api/v1/admin/dead-letters/" + id + "/redrive", null, Map.class);
        assertThat(stillBroken.getStatusCode().value()).isEqualTo(422);
        assertThat((String) stillBroken.getBody().get("detail")).contains("still fails")
                .as("the headers came back with it: the type is named").contains("incident.IncidentDeclared.v1");
        assertThat(TestLogins.ADMIN.on(rest).postForEntity("/api/v1/admin/dead-letters/999999999/redrive", null, Map.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(TestLogins.VIEWER.on(rest).postForEntity("/api/v1/admin/dead-letters/" + id + "/redrive", null, Map.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void eventsArrivingBeforeTheirDeclarationAreToldOnceItArrivesInOrder() {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ProducerRecord<String, String> declared = feed.record(declaration(id, at), "dana");
        ProducerRecord<String, String> acknowledged = feed.record(new IncidentAcknowledged(id, "dana", at.plusSeconds(60)), "dana");
        feed.send(acknowledged);

        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> storedEvents(id) == 1);
        assertThat(messagesAbout(id)).as("nothing told before the declaration").isEmpty();

        double wakeupsBefore = wakeups();
        feed.send(declared);
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesAbout(id).size() >= 2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(wakeups()).as("the intake's commit woke the delivery worker").isGreaterThan(wakeupsBefore));
        assertThat(messagesAbout(id)).extracting(message -> message.get("event_id"))
                .as("the declaration's messages first, then the acknowledgement's")
                .containsSubsequence(EventFeed.header(declared, CloudEventHeaders.ID), EventFeed.header(acknowledged, CloudEventHeaders.ID));
    }

    private double wakeups() {
        return meters.find("notifications.delivery.wakeups").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void anEventBehindAMissingOneWaitsAtMostTheGapHold() {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        feed.publish("dana", declaration(id, at));
        feed.record(new IncidentAcknowledged(id, "dana", at.plusSeconds(60)), "dana"); // numbered, never sent: lost
        ProducerRecord<String, String> resolved = feed.record(new IncidentResolved(id, "fixed", "a bad deploy",
                at.plusSeconds(600)), "dana");
        feed.send(resolved);
        String resolvedId = EventFeed.header(resolved, CloudEventHeaders.ID);

        await().atMost(Duration.ofSeconds(10)).until(() -> storedEvents(id) == 2);
        assertThat(messagesAbout(id)).extracting(message -> message.get("event_id")).doesNotContain(resolvedId);
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesAbout(id).stream()
                .anyMatch(message -> resolvedId.equals(message.get("event_id"))));
    }

    private static IncidentDeclared declaration(String id, Instant at) {
        return new IncidentDeclared(id, "Checkout failing", "HTTP 500 on /pay", Severity.SEV2, List.of("checkout"),
                IncidentSource.manual(), at);
    }

    private long storedEvents(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ?", Long.class, incidentId);
    }

    private List<Map<String, Object>> messagesAbout(String incidentId) {
        return jdbc.queryForList("SELECT event_id, template FROM delivery WHERE incident_id = ? ORDER BY id", incidentId);
    }

    private Map<String, Object> parked(String key) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) TestLogins.ADMIN.on(rest)
                .getForEntity("/api/v1/admin/dead-letters", Map.class).getBody().get("items");
        return items.stream().filter(item -> key.equals(item.get("key"))).findFirst().orElse(null);
    }
}
