package io.incidents.notificationservice.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outages of a signed-webhook receiver (WireMock) with the retry settings shrunk: give-up-after
 * 6 s stands for 24 h, pending-alarm-after 1 s for 5 min, read-timeout 1 s for 30 s. Each test
 * makes the receiver misbehave only for its own incident, and leaves nothing pending or parked.
 */
@IntegrationTest
class DeliveryRecoveryIntegrationTest {

    private static final String TOPIC = "it-delivery-recovery";
    private static final EventFeed feed = new EventFeed(TOPIC);
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/hooks/bridge";

    @RegisterExtension
    static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("notifications.topic", () -> TOPIC);
        registry.add("notifications.webhooks[0].name", () -> "bridge");
        registry.add("notifications.webhooks[0].url", () -> "http://localhost:" + hooks.getPort() + HOOK);
        registry.add("notifications.webhooks[0].secret", () -> "s3cret");
        registry.add("notifications.delivery.initial-backoff", () -> "100ms");
        registry.add("notifications.delivery.max-backoff", () -> "400ms");
        registry.add("notifications.delivery.give-up-after", () -> "6s");
        registry.add("notifications.delivery.read-timeout", () -> "1s");
        registry.add("notifications.delivery.poll-interval", () -> "50ms");
        registry.add("notifications.delivery.backlog-check-interval", () -> "100ms");
        registry.add("notifications.delivery.pending-alarm-after", () -> "1s");
        // Parked messages come back here only when a message to their destination goes through.
        registry.add("notifications.delivery.dead-probe-interval", () -> "1h");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @BeforeEach
    void receiverTakesEverythingElse() {
        hooks.stubFor(post(urlEqualTo(HOOK)).atPriority(10).willReturn(aResponse().withStatus(204)));
    }

    private static void receiverAnswers(String incidentId, int status) {
        hooks.stubFor(post(urlEqualTo(HOOK)).atPriority(1).withRequestBody(WireMock.containing(incidentId))
                .willReturn(aResponse().withStatus(status)));
    }

    @Test
    void aShortOutageOfTheReceiverLosesNothingAndEachMessageIsTakenOnce() {
        String id = UUID.randomUUID().toString();
        receiverAnswers(id, 503);
        publishThreeEvents(id);

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM delivery WHERE incident_id = ? AND failures >= 2", Long.class, id) == 3);
        // pending for longer than pending-alarm-after: health and metrics show it
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(deliveriesHealth()));
        assertThat(metric("notifications.deliveries.overdue")).isEqualTo(3);
        assertThat(metric("notifications.deliveries.oldest_pending.age")).isGreaterThanOrEqualTo(1);
        assertThat(count(id, "DEAD")).isZero();

        receiverAnswers(id, 200);

        await().atMost(Duration.ofSeconds(20)).until(() -> count(id, "SENT") == 3);
        Map<String, List<Integer>> answersPerEvent = hooks.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(id))
                .collect(Collectors.groupingBy(event -> event.getRequest().getHeader("X-Event-Id"),
                        Collectors.mapping(event -> event.getResponse().getStatus(), Collectors.toList())));
        assertThat(answersPerEvent).hasSize(3).allSatisfy((eventId, answers) -> {
            assertThat(answers).filteredOn(status -> status == 200).hasSize(1);
            assertThat(answers).filteredOn(status -> status == 503).hasSizeGreaterThanOrEqualTo(2);
        });
        assertThat(count(id, "DEAD")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(deliveriesHealth()));
    }

    @Test
    void aTimedOutSendIsRetriedLaterNotAtOnceAndTheReceiverSeesTheSameIds() throws Exception {
        String id = UUID.randomUUID().toString();
        // slow but successful: the receiver takes the first request, but answers after the read timeout
        hooks.stubFor(post(urlEqualTo(HOOK)).atPriority(1).withRequestBody(WireMock.containing(id))
                .inScenario("slow " + id).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(aResponse().withStatus(200).withFixedDelay(2_500)));
        hooks.stubFor(post(urlEqualTo(HOOK)).atPriority(1).withRequestBody(WireMock.containing(id))
                .inScenario("slow " + id).whenScenarioStateIs("answered").willReturn(aResponse().withStatus(200)));
        feed.publish("bob", new IncidentDeclared(id, "Search slow", null, Severity.SEV4, List.of("search"),
                IncidentSource.manual(), T0));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM delivery WHERE incident_id = ? AND outcome_unknown AND status = 'PENDING'", Long.class, id) == 1);
        Map<String, Object> unknown = jdbc.queryForMap("SELECT * FROM delivery WHERE incident_id = ?", id);
        Instant timedOutAt = ((Timestamp) unknown.get("last_attempt_at")).toInstant();
        Instant retryAt = ((Timestamp) unknown.get("next_attempt_at")).toInstant();
        assertThat(unknown.get("attempts")).isEqualTo(1);
        assertThat((String) unknown.get("last_error")).startsWith("Outcome unknown");
        assertThat(Duration.between(timedOutAt, retryAt)).as("waits one read timeout, not the 100 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(TestLogins.VIEWER.on(rest).getForEntity("/api/v1/notifications?incidentId=" + id, Map.class).getBody()
                .get("items").toString()).contains("outcomeUnknown=true");

        await().atMost(Duration.ofSeconds(20)).until(() -> count(id, "SENT") == 1);
        List<LoggedRequest> requests = hooks.findAll(postRequestedFor(urlEqualTo(HOOK)).withRequestBody(WireMock.containing(id)));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getLoggedDate().toInstant()).isAfterOrEqualTo(retryAt.truncatedTo(ChronoUnit.MILLIS));
        String eventId = (String) unknown.get("event_id");
        for (LoggedRequest request : requests) {
            JsonNode body = JSON.readTree(request.getBody());
            assertThat(request.getHeader("X-Event-Id")).isEqualTo(eventId);
            assertThat(body.path("eventId").asText()).isEqualTo(eventId);
            assertThat(body.path("deliveryId").asLong()).isEqualTo(((Number) unknown.get("id")).longValue());
            assertThat(request.getHeader("X-Signature")).isEqualTo("sha256=" + WebhookSender.sign(request.getBody(), "s3cret"));
        }
        assertThat(requests.get(1).getBody()).isEqualTo(requests.get(0).getBody());
    }

    @Test
    void parkedMessagesShowInHealthAndMetricsAndGoOutOnceAMessageToTheirReceiverGoesThrough() {
        String id = UUID.randomUUID().toString();
        receiverAnswers(id, 503);
        feed.publish("bob",
                new IncidentDeclared(id, "Search slow", null, Severity.SEV4, List.of("search"), IncidentSource.manual(), T0),
                new IncidentResolved(id, "Restarted", null, T0.plusSeconds(600)));

        await().atMost(Duration.ofSeconds(40)).until(() -> count(id, "DEAD") == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("notifications.deliveries.dead") == 2);
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode().value()).as("parked messages do not make the service unavailable").isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "DEGRADED");
        assertThat(deliveriesHealth()).isEqualTo("DEGRADED");
        assertThat(TestLogins.ADMIN.on(rest).getForEntity("/api/v1/admin/notifications/dead-letters", Map.class).getBody()
                .get("items").toString()).contains(id, "parkedAt=");
        assertThat(jdbc.queryForObject("SELECT min(attempts) FROM delivery WHERE incident_id = ?", Integer.class, id))
                .as("retried for the whole give-up-after, not a fixed number of times").isGreaterThan(5);

        receiverAnswers(id, 200);
        String other = UUID.randomUUID().toString();
        feed.publish("bob", new IncidentDeclared(other, "Billing slow", null, Severity.SEV4, List.of("billing"),
                IncidentSource.manual(), T0));

        await().atMost(Duration.ofSeconds(20)).until(() -> count(id, "SENT") == 2 && count(other, "SENT") == 1);
        Map<String, Long> acceptedPerEvent = hooks.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(id) && event.getResponse().getStatus() == 200)
                .collect(Collectors.groupingBy(event -> event.getRequest().getHeader("X-Event-Id"), Collectors.counting()));
        assertThat(acceptedPerEvent).hasSize(2).allSatisfy((eventId, times) -> assertThat(times).isEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("notifications.deliveries.dead") == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(deliveriesHealth()));
        assertThat(rest.getForEntity("/actuator/health", Map.class).getBody()).containsEntry("status", "UP");
    }

    private static void publishThreeEvents(String id) {
        feed.publish("bob",
                new IncidentDeclared(id, "Search slow", null, Severity.SEV4, List.of("search"), IncidentSource.manual(), T0),
                new IncidentAcknowledged(id, "alice", T0.plusSeconds(60)),
                new IncidentResolved(id, "Restarted", null, T0.plusSeconds(600)));
    }

    private String deliveriesHealth() {
        Map<String, Object> components = (Map<String, Object>) rest.getForEntity("/actuator/health", Map.class).getBody()
                .get("components");
        return (String) ((Map<String, Object>) components.get("deliveries")).get("status");
    }

    /** A gauge as a metrics reader sees it (seconds for a time gauge). */
    private double metric(String name) {
        Map<String, Object> metric = TestLogins.METRICS.on(rest).getForEntity("/actuator/metrics/" + name, Map.class).getBody();
        return ((Number) ((List<Map<String, Object>>) metric.get("measurements")).get(0).get("value")).doubleValue();
    }

    private long count(String incidentId, String status) {
        return jdbc.queryForObject("SELECT count(*) FROM delivery WHERE incident_id = ? AND status = ?", Long.class,
                incidentId, status);
    }
}
