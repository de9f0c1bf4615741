package io.incidents.notificationservice.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.incidents.events.CloudEventHeaders;
import io.incidents.events.EventJson;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentResolved;
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
import io.incidents.events.notification.MessageRequeued;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestInfrastructure;
import io.incidents.testsupport.TestLogins;
import io.incidents.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Every channel over its real protocol: Slack-style and signed webhooks on WireMock, email on GreenMail. */
@IntegrationTest
class DeliveryIntegrationTest {

    private static final String TOPIC = "it-notifications";
    private static final EventFeed feed = new EventFeed(TOPIC);
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void contacts(DynamicPropertyRegistry registry) {
        String base = "http://localhost:" + hooks.getPort();
        registry.add("notifications.topic", () -> TOPIC);
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
        registry.add("notifications.levels.1[0].name", () -> "on-call");
        registry.add("notifications.levels.1[0].chat-webhook", () -> base + "/chat/oncall");
        registry.add("notifications.levels.1[0].email", () -> "oncall@example.com");
        registry.add("notifications.levels.2[0].name", () -> "devops");
        registry.add("notifications.levels.2[0].chat-webhook", () -> base + "/chat/slow");
        registry.add("notifications.support[0].name", () -> "support");
        registry.add("notifications.support[0].email", () -> "support@example.com");
        registry.add("notifications.webhooks[0].name", () -> "bridge");
        registry.add("notifications.webhooks[0].url", () -> base + "/hooks/bridge");
        registry.add("notifications.webhooks[0].secret", () -> "s3cret");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meterRegistry;

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Test
    void anIncidentReachesChatEmailSignedWebhookAndStatusPageOnceEvenAfterAReplay() throws Exception {
        hooks.stubFor(post(urlEqualTo("/chat/oncall")).willReturn(aResponse().withStatus(200).withBody("ok")));
        hooks.stubFor(post(urlEqualTo("/hooks/bridge")).willReturn(aResponse().withStatus(204)));
        // A slow endpoint: every attempt times out, but it must not hold the others up.
        hooks.stubFor(post(urlEqualTo("/chat/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        String id = UUID.randomUUID().toString();
        feed.publish("bob",
                new IncidentDeclared(id, "Checkout failing", "internal detail", Severity.SEV2, List.of("checkout"),
                        IncidentSource.manual(), T0),
                new IncidentAcknowledged(id, "alice", T0.plusSeconds(120)),
                new IncidentStatusUpdated(id, StatusPagePhase.IDENTIFIED, "A bad deploy; rolling back.", T0.plusSeconds(300)),
                new IncidentResolved(id, "Rolled back", "unreviewed config", T0.plusSeconds(900)));

        // all four events applied (so all their messages recorded), and everything but the slow
        // endpoint's messages has gone out (those keep timing out, below)
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM incident_event"
                + " WHERE incident_id = ?", Long.class, id) == 4 && jdbc.queryForObject("SELECT count(*) FROM delivery"
                + " WHERE incident_id = ? AND status <> 'SENT' AND recipient NOT LIKE '%/chat/slow'", Long.class, id) == 0);
        List<Map<String, Object>> items = deliveries(id);
        // The declaration posts nothing (SPEC 6): the responder's status update is the first post.
        assertThat(items).extracting(i -> i.get("channel") + " " + i.get("template")).contains(
                "CHAT chat-initial", "EMAIL chat-initial", "CHAT chat-progress", "CHAT chat-resolution",
                "EMAIL support-alert", "EMAIL support-resolution",
                "STATUS_PAGE status-identified", "STATUS_PAGE status-resolved", "WEBHOOK chat-initial")
                .doesNotContain("STATUS_PAGE status-investigating");

        // only this incident's requests: another test's messages may still be arriving
        List<LoggedRequest> chat = hooks.findAll(postRequestedFor(urlEqualTo("/chat/oncall")).withRequestBody(WireMock.containing(id)));
        assertThat(chat).hasSize(4);
        // sent in parallel: the order of arrival is not the order of the events
        assertThat(chat).extracting(LoggedRequest::getBodyAsString).anySatisfy(body -> assertThat(body)
                .contains("\"text\":\":rotating_light: [SEV2] Checkout failing", "\"blocks\"", "\"type\":\"mrkdwn\""));
        // the id a receiver deduplicates on: the event's, one message per event on this channel
        assertThat(chat).extracting(request -> request.getHeader("X-Event-Id")).doesNotContainNull().doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(jdbc.queryForList("SELECT event_id FROM delivery WHERE incident_id = ?"
                        + " AND channel = 'CHAT' AND recipient LIKE '%/chat/oncall'", String.class, id));

        List<LoggedRequest> webhooks = hooks.findAll(postRequestedFor(urlEqualTo("/hooks/bridge"))
                .withRequestBody(WireMock.containing(id)));
        assertThat(webhooks).hasSize(4);
        Map<String, Long> webhookRows = rowsOf(id, "WEBHOOK");
        for (LoggedRequest request : webhooks) {
            assertThat(request.getHeader("X-Signature"))
                    .isEqualTo("sha256=" + WebhookSender.sign(request.getBody(), "s3cret"));
            // the ids a receiver deduplicates on: the event id (header and signed body) and our delivery id (signed body)
            Map<String, Object> body = JSON.readValue(request.getBody(), Map.class);
            assertThat(body.get("eventId")).isEqualTo(request.getHeader("X-Event-Id"));
            assertThat(((Number) body.get("deliveryId")).longValue()).isEqualTo(webhookRows.get(request.getHeader("X-Event-Id")));
        }
        assertThat(webhooks).extracting(LoggedRequest::getBodyAsString).anySatisfy(body -> assertThat(body)
                .contains("\"type\":\"incident.IncidentDeclared.v1\"", "\"message\":"));

        MimeMessage[] emails = mail.getReceivedMessages();
        assertThat(emails).extracting(m -> m.getAllRecipients()[0].toString())
                .contains("oncall@example.com", "support@example.com");
        assertThat(emails).extracting(MimeMessage::getSubject).contains("[SEV2] Checkout failing - declared");
        List<String> messageIds = jdbc.queryForList("SELECT '<delivery-' || id || '.' || event_id || '@localhost>' FROM delivery"
                + " WHERE incident_id = ? AND channel = 'EMAIL'", String.class, id);
        assertThat(messageIds).isNotEmpty();
        assertThat(emails).extracting(MimeMessage::getMessageID).containsAll(messageIds);

        // the slow endpoint keeps timing out (an unknown outcome), is retried one message at a time no
        // sooner than a read timeout later, and ends in dead letters once give-up-after has passed
        await().atMost(Duration.ofSeconds(60)).until(() -> count(id, "PENDING") == 0);
        assertThat(count(id, "DEAD")).isEqualTo(4);
        assertThat(deliveries(id)).filteredOn(i -> "DEAD".equals(i.get("status")))
                .allSatisfy(i -> assertThat(i).containsEntry("contact", "devops").containsEntry("outcomeUnknown", true)
                        .doesNotContainKey("recipient").doesNotContainKey("claimId")
                        .extractingByKey("address").asString().endsWith("/…").doesNotContain("/chat/slow"));
        assertThat(deliveries(id)).filteredOn(i -> "WEBHOOK".equals(i.get("channel"))).isNotEmpty()
                .allSatisfy(i -> assertThat(i).containsEntry("contact", "bridge"));
        assertThat(deliveries(id)).extracting(i -> i.get("address")).contains("o…@example.com")
                .noneMatch(address -> address.toString().contains("oncall@"));

        // what was posted is published once: the two posts (the declaration posts nothing)
        List<NotificationEvent> published = notificationEvents(id);
        assertThat(published).filteredOn(StatusPosted.class::isInstance).extracting(e -> ((StatusPosted) e).kind())
                .containsExactly(StatusPostKind.IDENTIFIED, StatusPostKind.RESOLVED);
        long outboxBefore = outboxRows(id);

        int requestsBefore = requestsAbout(id);
        long rowsBefore = jdbc.queryForObject("SELECT count(*) FROM delivery", Long.class);
        int emailsBefore = emails.length;
        int recordsOnTopic = TopicReader.read(TOPIC, r -> true, Integer.MAX_VALUE, Duration.ofSeconds(2)).size();
        double duplicatesBefore = duplicates();
        assertThat(TestLogins.ADMIN.on(rest).postForEntity("/api/v1/admin/replay", null, Void.class)
                .getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> duplicates() >= duplicatesBefore + recordsOnTopic);
        Thread.sleep(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery", Long.class)).isEqualTo(rowsBefore);
        assertThat(requestsAbout(id)).isEqualTo(requestsBefore);
        assertThat(mail.getReceivedMessages()).hasSize(emailsBefore);
        // the replay publishes nothing: no second post, no message delivered twice
        assertThat(outboxRows(id)).isEqualTo(outboxBefore);
        assertThat(notificationEvents(id)).isEqualTo(published);
    }

    @Test
    void aFailingEndpointIsRetriedUntilGiveUpAfterThenParkedAndAnOperatorCanRetryIt() {
        hooks.stubFor(post(urlEqualTo("/hooks/bridge")).willReturn(aResponse().withStatus(503)));
        String id = UUID.randomUUID().toString();
        feed.publish("bob", new IncidentDeclared(id, "Search slow", null, Severity.SEV4, List.of("search"),
                IncidentSource.manual(), T0));

        await().atMost(Duration.ofSeconds(20)).until(() -> count(id, "DEAD") == 1);
        Map<String, Object> dead = deliveries(id).get(0);
        assertThat(dead).containsEntry("channel", "WEBHOOK").containsEntry("outcomeUnknown", false);
        assertThat((String) dead.get("lastError")).contains("503");
        int attempts = (Integer) dead.get("attempts");
        assertThat(attempts).isGreaterThan(1);
        assertThat(Duration.between(Instant.parse((String) dead.get("failingSince")), Instant.parse((String) dead.get("parkedAt"))))
                .as("parked once it had been failing for give-up-after (2 s here)").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(hooks.findAll(postRequestedFor(urlEqualTo("/hooks/bridge"))
                .withRequestBody(WireMock.containing(id)))).hasSize(attempts);

        // retried while the endpoint still fails: pending again with a fresh retry window, attempts go on counting
        ResponseEntity<Void> retried = TestLogins.ADMIN.on(rest)
                .postForEntity("/api/v1/admin/notifications/" + dead.get("id") + "/retry", null, Void.class);
        assertThat(retried.getStatusCode().value()).isEqualTo(202);
        assertThat(count(id, "DEAD")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) deliveries(id).get(0).get("attempts") > attempts);
        hooks.stubFor(post(urlEqualTo("/hooks/bridge")).willReturn(aResponse().withStatus(200)));

        await().atMost(Duration.ofSeconds(10)).until(() -> count(id, "SENT") == 1);
        assertThat(TestLogins.ADMIN.on(rest).getForEntity("/api/v1/admin/audit?action=DEAD_LETTER_RETRIED", Map.class)
                .getBody().get("items").toString()).contains("delivery " + dead.get("id"), TestLogins.ADMIN.username());
        assertThat(TestLogins.ADMIN.on(rest)
                .postForEntity("/api/v1/admin/notifications/999999/retry", null, Map.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theStatusPageShowsOnlyWhatAResponderPublishedWithoutLoginAndWithoutInternals() throws Exception {
        hooks.stubFor(post(WireMock.anyUrl()).willReturn(aResponse().withStatus(200)));
        String id = UUID.randomUUID().toString();
        List<String> internal = List.of(id, "Logins failing", "auth-db", "token-svc", "carol", "credentials",
                "Credentials rotated back");
        feed.publish("bob", new IncidentDeclared(id, "Logins failing on auth-db", "db credentials rotated by carol",
                Severity.SEV1, List.of("auth-db", "token-svc"), IncidentSource.manual(), T0));

        // Declared and told (responders, support), but nothing is on the page yet.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM delivery"
                + " WHERE incident_id = ? AND template = 'support-alert'", Long.class, id) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM status_entry WHERE incident_id = ?", Long.class, id)).isZero();
        assertThat(rest.getForEntity("/api/v1/status", String.class).getBody()).doesNotContain("Sign-in problems");

        feed.publish("bob",
                new IncidentStatusUpdated(id, StatusPagePhase.IDENTIFIED, "We found the cause.", T0.plusSeconds(60),
                        "Sign-in problems", List.of("Login page", "Mobile app")),
                // no title or components given: those published above stay
                new IncidentStatusUpdated(id, StatusPagePhase.MONITORING, "A fix is out.", T0.plusSeconds(120)),
                new RollbackStarted(id, "rb-1", RollbackProcedure.D, List.of("auth-db"), "none", "credential leak",
                        T0.plusSeconds(180)),
                new SeverityChanged(id, Severity.SEV1, Severity.SEV4, "contained", T0.plusSeconds(240)));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM status_entry"
                + " WHERE incident_id = ?", Long.class, id) == 3);
        String json = rest.getForEntity("/api/v1/status", String.class).getBody();
        assertThat(json).contains("\"status\":\"degraded\"", "\"title\":\"Sign-in problems\"",
                "\"components\":[\"Login page\",\"Mobile app\"]", "\"phase\":\"MONITORING\"",
                "We have temporarily taken Login page, Mobile app offline.",
                "A fix has been applied and we are monitoring Login page, Mobile app. A fix is out.");
        ResponseEntity<String> html = rest.getForEntity("/status", String.class);
        assertThat(html.getStatusCode().value()).isEqualTo(200);
        assertThat(html.getBody()).contains("Sign-in problems", "We found the cause.", "taken Login page, Mobile app offline");
        String atom = rest.getForEntity("/status/feed.atom", String.class).getBody();
        assertThat(atom).contains("Identified: Sign-in problems", "Monitoring: Sign-in problems");
        for (String shown : List.of(json, html.getBody(), atom)) {
            for (String secret : internal) {
                assertThat(shown).as("%s on the public page", secret).doesNotContain(secret);
            }
        }

        // Lowered to SEV4 after it was published and support was told: it stays, and both hear the end.
        feed.publish("bob", new IncidentResolved(id, "Credentials rotated back", "carol's script", T0.plusSeconds(600)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM status_entry"
                + " WHERE incident_id = ?", Long.class, id) == 4);
        assertThat(jdbc.queryForList("SELECT phase FROM status_entry WHERE incident_id = ? ORDER BY posted_at",
                String.class, id)).containsExactly("IDENTIFIED", "MONITORING", "MONITORING", "RESOLVED");
        assertThat(deliveries(id)).extracting(i -> i.get("channel") + " " + i.get("template"))
                .contains("EMAIL support-resolution", "STATUS_PAGE status-offline", "STATUS_PAGE status-resolved")
                .doesNotContain("STATUS_PAGE status-investigating");
        String after = rest.getForEntity("/api/v1/status", String.class).getBody();
        JsonNode page = JSON.readTree(after);
        assertThat(page.get("current")).noneMatch(incident -> incident.get("title").asText().equals("Sign-in problems"));
        JsonNode resolved = StreamSupport.stream(page.get("history").spliterator(), false)
                .filter(incident -> incident.get("title").asText().equals("Sign-in problems")).findFirst().orElseThrow();
        assertThat(resolved.get("severity").asText()).isEqualTo("SEV4");
        assertThat(resolved.get("phase").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.get("updates")).extracting(update -> update.get("message").asText()).containsExactly(
                "This incident has been resolved. Affected: Login page, Mobile app.",
                "We have temporarily taken Login page, Mobile app offline.",
                "A fix has been applied and we are monitoring Login page, Mobile app. A fix is out.",
                "The cause of the issues affecting Login page, Mobile app has been identified and a fix is under way."
                        + " We found the cause.");
        for (String shown : List.of(after, rest.getForEntity("/status", String.class).getBody(),
                rest.getForEntity("/status/feed.atom", String.class).getBody())) {
            for (String secret : internal) {
                assertThat(shown).as("%s on the public page", secret).doesNotContain(secret);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count(id, "PENDING") == 0);

        // each post published as the public read it: public title, components and text, nothing internal
        List<ConsumerRecord<String, String>> posts = TopicReader.read(NotificationEventTypes.TOPIC,
                record -> id.equals(record.key()) && "notification.StatusPosted.v1".equals(
                        TopicReader.header(record, CloudEventHeaders.TYPE)), 4, Duration.ofSeconds(30));
        assertThat(posts).extracting(record -> EventJson.read(record.value(), StatusPosted.class)).containsExactly(
                new StatusPosted(id, eventIdOfPost(id, "IDENTIFIED"), StatusPostKind.IDENTIFIED, "Sign-in problems",
                        List.of("Login page", "Mobile app"), "The cause of the issues affecting Login page, Mobile app has"
                        + " been identified and a fix is under way. We found the cause.", T0.plusSeconds(60)),
                new StatusPosted(id, eventIdOfPost(id, "A fix has been applied%"), StatusPostKind.MONITORING,
                        "Sign-in problems", List.of("Login page", "Mobile app"),
                        "A fix has been applied and we are monitoring Login page, Mobile app. A fix is out.", T0.plusSeconds(120)),
                new StatusPosted(id, eventIdOfPost(id, "We have temporarily%"), StatusPostKind.OFFLINE, "Sign-in problems",
                        List.of("Login page", "Mobile app"), "We have temporarily taken Login page, Mobile app offline.",
                        T0.plusSeconds(180)),
                new StatusPosted(id, eventIdOfPost(id, "RESOLVED"), StatusPostKind.RESOLVED, "Sign-in problems",
                        List.of("Login page", "Mobile app"), "This incident has been resolved. Affected: Login page, Mobile app.",
                        T0.plusSeconds(600)));
        for (ConsumerRecord<String, String> post : posts) {
            for (String secret : internal.subList(1, internal.size())) {
                assertThat(post.value()).as("%s in a status post", secret).doesNotContain(secret);
            }
        }
    }

    /** The incident event a post was filed for: by its phase, or (LIKE pattern) by its text. */
    private String eventIdOfPost(String incidentId, String phaseOrText) {
        return jdbc.queryForObject("SELECT event_id FROM status_entry WHERE incident_id = ? AND (phase = ? OR message LIKE ?)"
                + " ORDER BY posted_at LIMIT 1", String.class, incidentId, phaseOrText, phaseOrText);
    }

    @Test
    void whatHappensToEachMessageIsPublishedOnNotificationEventsInOrderOnceEach() throws Exception {
        String id = UUID.randomUUID().toString();
        // SEV4: nobody is paged, only the generic webhook hears of each event, one message per event
        ProducerRecord<String, String> declared = feed.record(new IncidentDeclared(id, "Search slow", null, Severity.SEV4,
                List.of("search"), IncidentSource.manual(), T0), "bob");
        ProducerRecord<String, String> acknowledged = feed.record(new IncidentAcknowledged(id, "alice", T0.plusSeconds(60)), "alice");
        ProducerRecord<String, String> resolved = feed.record(new IncidentResolved(id, "Reindexed", null, T0.plusSeconds(600)),
                "alice");
        String declaredId = EventFeed.header(declared, CloudEventHeaders.ID);
        String acknowledgedId = EventFeed.header(acknowledged, CloudEventHeaders.ID);
        String resolvedId = EventFeed.header(resolved, CloudEventHeaders.ID);
        bridgeAnswers(declaredId, 200);
        // the acknowledgement's message fails once, then goes through
        hooks.stubFor(post(urlEqualTo("/hooks/bridge")).atPriority(1).withRequestBody(WireMock.containing(acknowledgedId))
                .inScenario(acknowledgedId).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503)));
        hooks.stubFor(post(urlEqualTo("/hooks/bridge")).atPriority(1).withRequestBody(WireMock.containing(acknowledgedId))
                .inScenario(acknowledgedId).whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        // the resolution's keeps failing until it is parked
        bridgeAnswers(resolvedId, 503);

        // one after the other: a message going through re-drives its destination's parked ones
        feed.send(declared);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(declaredId).equals("SENT"));
        feed.send(acknowledged);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(acknowledgedId).equals("SENT"));
        feed.send(resolved);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(resolvedId).equals("DEAD"));
        bridgeAnswers(resolvedId, 200);
        Map<String, Object> parked = jdbc.queryForMap("SELECT id, parked_at FROM delivery WHERE event_id = ?", resolvedId);
        assertThat(TestLogins.ADMIN.on(rest).postForEntity("/api/v1/admin/notifications/" + parked.get("id") + "/retry", null, Void.class)
                .getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(resolvedId).equals("SENT"));
        Map<String, Object> ack = jdbc.queryForMap("SELECT id, attempts FROM delivery WHERE event_id = ?", acknowledgedId);
        int resolvedAttempts = jdbc.queryForObject("SELECT attempts FROM delivery WHERE event_id = ?", Integer.class, resolvedId);

        List<ConsumerRecord<String, String>> records = TopicReader.read(NotificationEventTypes.TOPIC,
                record -> id.equals(record.key()), 7, Duration.ofSeconds(30));

        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE)).containsExactly(
                "notification.MessageDelivered.v1",
                "notification.MessageFailed.v1", "notification.MessageDelivered.v1",
                "notification.MessageFailed.v1", "notification.MessageParked.v1", "notification.MessageRequeued.v1",
                "notification.MessageDelivered.v1");
        List<NotificationEvent> events = records.stream().map(DeliveryIntegrationTest::event).toList();
        assertThat(events).extracting(NotificationEvent::causeEventId).containsExactly(declaredId,
                acknowledgedId, acknowledgedId, resolvedId, resolvedId, resolvedId, resolvedId);
        assertThat(events).allSatisfy(event -> assertThat(event.incidentId()).isEqualTo(id));
        MessageFailed firstFailure = (MessageFailed) events.get(1);
        assertThat(firstFailure.deliveryId()).isEqualTo(((Number) ack.get("id")).longValue());
        assertThat(firstFailure.channel()).isEqualTo(MessageChannel.WEBHOOK);
        assertThat(firstFailure.recipient()).isEqualTo("bridge");
        assertThat(firstFailure.attempts()).isEqualTo(1);
        assertThat(firstFailure.error()).contains("503");
        assertThat(((MessageDelivered) events.get(2)).attempts()).isEqualTo(ack.get("attempts")).isEqualTo(2);
        MessageParked parkedEvent = (MessageParked) events.get(4);
        assertThat(parkedEvent.attempts()).isGreaterThan(1);
        assertThat(parkedEvent.parkedAt()).isEqualTo(((Timestamp) parked.get("parked_at")).toInstant());
        assertThat(((MessageRequeued) events.get(5)).reason()).isEqualTo(MessageRequeued.Reason.OPERATOR_RETRY);
        assertThat(((MessageDelivered) events.get(6)).attempts()).isEqualTo(resolvedAttempts)
                .isEqualTo(parkedEvent.attempts() + 1);

        for (ConsumerRecord<String, String> record : records) {
            assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/notification-service");
            assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
            assertThat(TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(Instant.parse(TopicReader.header(record, CloudEventHeaders.TIME))).isEqualTo(event(record).occurredAt());
        }
        // the ce_id each was given when it was recorded, and no two alike
        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.ID)).doesNotHaveDuplicates()
                .containsExactlyElementsOf(jdbc.queryForList("SELECT event_id::text FROM notification_outbox"
                        + " WHERE incident_id = ? ORDER BY id", String.class, id));
        assertThat(meterRegistry.get("notifications.outbox.pending").gauge().value()).isNotNegative();
    }

    @Test
    void notificationEventsIsCreatedWithSixPartitionsAndKeptForever() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS)
                    .contains(NotificationEventTypes.TOPIC));
            assertThat(admin.describeTopics(List.of(NotificationEventTypes.TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(NotificationEventTypes.TOPIC).partitions()).hasSize(6);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, NotificationEventTypes.TOPIC);
            Config config = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void aDrillIsToldToRespondersAsADrillButNeverToSupportOrTheStatusPage() throws Exception {
        hooks.stubFor(post(WireMock.anyUrl()).willReturn(aResponse().withStatus(200)));
        String id = UUID.randomUUID().toString();
        feed.publish("bob",
                new IncidentDeclared(id, "Checkout drill", null, Severity.SEV1, List.of("checkout"), IncidentSource.manual(),
                        T0, null, null, null, true),
                new IncidentStatusUpdated(id, StatusPagePhase.IDENTIFIED, "Drill: found it.", T0.plusSeconds(60),
                        "Drill checkout outage", List.of("Checkout")),
                new RollbackStarted(id, "rb-1", RollbackProcedure.D, List.of("checkout"), "none", "drill", T0.plusSeconds(120)),
                new IncidentResolved(id, "Drill over", null, T0.plusSeconds(600)));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM incident_event"
                + " WHERE incident_id = ?", Long.class, id) == 4 && jdbc.queryForObject("SELECT count(*) FROM delivery"
                + " WHERE incident_id = ? AND channel = 'CHAT' AND recipient LIKE '%/chat/oncall' AND status = 'SENT'",
                Long.class, id) == 4);

        List<LoggedRequest> chat = hooks.findAll(postRequestedFor(urlEqualTo("/chat/oncall"))
                .withRequestBody(WireMock.containing(id)));
        assertThat(chat).hasSize(4).extracting(LoggedRequest::getBodyAsString)
                .anySatisfy(body -> assertThat(body).contains(":rotating_light: [SEV1] DRILL: Checkout drill"))
                .allSatisfy(body -> assertThat(body).contains("DRILL: Checkout drill"));
        assertThat(deliveries(id)).extracting(i -> i.get("channel") + " " + i.get("template"))
                .contains("EMAIL chat-initial", "CHAT chat-resolution")
                .noneMatch(told -> told.startsWith("STATUS_PAGE") || told.contains("support-"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery WHERE incident_id = ? AND recipient = ?", Long.class,
                id, "support@example.com")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM status_entry WHERE incident_id = ?", Long.class, id)).isZero();
        assertThat(rest.getForEntity("/api/v1/status", String.class).getBody()).doesNotContain("Drill");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(id, "PENDING") == 0);
        assertThat(subjects()).contains("DRILL: [SEV1] Checkout drill - declared", "DRILL: [SEV1] Checkout drill - resolved")
                .noneMatch(subject -> subject.startsWith("[SEV1] Checkout drill"));
    }

    @Test
    void theEscalationLevelsNameWhoHoldsEachLevelButNotTheirAddresses() {
        ResponseEntity<String> response = TestLogins.VIEWER.on(rest).getForEntity("/api/v1/escalation/levels", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody())
                .contains("{\"level\":1,\"title\":\"on-call engineer\",\"contacts\":[\"on-call\"],\"source\":\"CONTACTS\",\"scheduleId\":null}")
                .contains("{\"level\":2,\"title\":\"DevOps lead\",\"contacts\":[\"devops\"],\"source\":\"CONTACTS\",\"scheduleId\":null}")
                .contains("{\"level\":4,\"title\":\"CTO\",\"contacts\":[],\"source\":\"NOBODY\",\"scheduleId\":null}")
                .doesNotContain("oncall@example.com").doesNotContain("/chat/oncall");
    }

    @Test
    void levelOneIsPagedThroughItsOnCallScheduleAndWhoWasToldIsPublished() {
        String base = "http://localhost:" + hooks.getPort();
        hooks.stubFor(post(urlEqualTo("/chat/ana")).willReturn(aResponse().withStatus(200)));
        String ana = "ana-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(oncall(HttpMethod.PUT, "/api/v1/oncall/people/" + ana,
                Map.of("name", "Ana Lima", "chatWebhook", base + "/chat/ana")).getStatusCode().value()).isEqualTo(200);
        String scheduleId = oncall(HttpMethod.POST, "/api/v1/oncall/schedules",
                Map.of("level", 1, "name", "Platform on-call", "zone", "UTC")).getBody().get("scheduleId").asText();
        try {
            // Ana alone, in daily turns since yesterday: she holds level 1 from the schedule's recording on.
            LocalDateTime yesterday = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusDays(1);
            assertThat(oncall(HttpMethod.PUT, "/api/v1/oncall/schedules/" + scheduleId + "/rotations/daily", Map.of("participants",
                    List.of(ana), "firstHandOff", yesterday.toString(), "cadence", "DAYS", "length", 1)).getStatusCode().value())
                    .isEqualTo(200);
            String id = UUID.randomUUID().toString();
            ProducerRecord<String, String> declared = feed.record(new IncidentDeclared(id, "Checkout failing", null, Severity.SEV2,
                    List.of("checkout"), IncidentSource.manual(), Instant.now().plusSeconds(1)), "bob");
            feed.send(declared);

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM delivery WHERE incident_id = ? AND channel = 'CHAT'", Long.class, id) == 2);
            assertThat(jdbc.queryForList("SELECT recipient FROM delivery WHERE incident_id = ? AND channel = 'CHAT'", String.class, id))
                    .as("level 1 is the schedule's Ana, not the configured on-call contact; level 2 its contacts")
                    .containsExactlyInAnyOrder(base + "/chat/ana", base + "/chat/slow");
            assertThat(deliveries(id)).extracting(row -> row.get("contact")).contains("Ana Lima");
            List<LevelTold> told = notificationEvents(id).stream().filter(LevelTold.class::isInstance).map(LevelTold.class::cast).toList();
            assertThat(told).extracting(LevelTold::level, LevelTold::people, LevelTold::source, LevelTold::scheduleId).containsExactly(
                    tuple(1, List.of("Ana Lima"), OnCallSource.SCHEDULE, scheduleId),
                    tuple(2, List.of("devops"), OnCallSource.CONTACTS, null));
            assertThat(told).allSatisfy(level -> assertThat(level.causeEventId()).isEqualTo(EventFeed.header(declared, CloudEventHeaders.ID)));
            assertThat(TestLogins.VIEWER.on(rest).getForEntity("/api/v1/escalation/levels", String.class).getBody())
                    .contains("{\"level\":1,\"title\":\"on-call engineer\",\"contacts\":[\"Ana Lima\"],\"source\":\"SCHEDULE\","
                            + "\"scheduleId\":\"" + scheduleId + "\"}");
            assertThat(TestLogins.VIEWER.on(rest).getForEntity("/api/v1/escalation/levels?at=" + Instant.now().minusSeconds(3600),
                    String.class).getBody()).as("an hour ago the level had no schedule yet")
                    .contains("{\"level\":1,\"title\":\"on-call engineer\",\"contacts\":[\"on-call\"],\"source\":\"CONTACTS\",\"scheduleId\":null}");
            assertThat(TestLogins.VIEWER.on(rest).getForEntity("/api/v1/escalation/levels?at=yesterday", String.class)
                    .getStatusCode().value()).isEqualTo(400);
        } finally {
            oncall(HttpMethod.DELETE, "/api/v1/oncall/schedules/" + scheduleId, null);
        }
    }

    private ResponseEntity<JsonNode> oncall(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return TestLogins.RESPONDER.on(rest).exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    @Test
    void theDeliveryLogNeedsALoginAndRejectsBadIds() {
        assertThat(rest.getForEntity("/api/v1/notifications", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(TestLogins.VIEWER.on(rest).getForEntity("/api/v1/notifications?incidentId=bad$id",
                String.class).getStatusCode().value()).isEqualTo(400);
    }

    private static List<String> subjects() throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private static void bridgeAnswers(String eventId, int status) {
        hooks.stubFor(post(urlEqualTo("/hooks/bridge")).atPriority(1).withRequestBody(WireMock.containing(eventId))
                .willReturn(aResponse().withStatus(status)));
    }

    /** The status of the one message an event called for (the webhook's, for a SEV4 incident). */
    private String statusOf(String eventId) {
        List<String> status = jdbc.queryForList("SELECT status FROM delivery WHERE event_id = ?", String.class, eventId);
        return status.isEmpty() ? "" : status.get(0);
    }

    private long outboxRows(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE incident_id = ?", Long.class, incidentId);
    }

    /** Waits until this incident's outbox is published, then reads what is on notification-events about it. */
    private List<NotificationEvent> notificationEvents(String incidentId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM notification_outbox"
                + " WHERE incident_id = ? AND published_at IS NULL", Long.class, incidentId) == 0);
        return TopicReader.read(NotificationEventTypes.TOPIC, record -> incidentId.equals(record.key()),
                (int) outboxRows(incidentId), Duration.ofSeconds(30)).stream().map(DeliveryIntegrationTest::event).toList();
    }

    private static NotificationEvent event(ConsumerRecord<String, String> record) {
        return EventJson.read(record.value(), NotificationEventTypes.forCloudEventType(
                TopicReader.header(record, CloudEventHeaders.TYPE)).orElseThrow());
    }

    private static int requestsAbout(String incidentId) {
        return hooks.findAll(postRequestedFor(WireMock.anyUrl()).withRequestBody(WireMock.containing(incidentId))).size();
    }

    private double duplicates() {
        return meterRegistry.get("notifications.events.duplicates").counter().count();
    }

    /** The delivery-log row id of each event's message on a channel, for this incident. */
    private Map<String, Long> rowsOf(String incidentId, String channel) {
        return jdbc.query("SELECT event_id, id FROM delivery WHERE incident_id = ? AND channel = ?",
                (rs, i) -> Map.entry(rs.getString("event_id"), rs.getLong("id")), incidentId, channel).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private long count(String incidentId, String status) {
        return jdbc.queryForObject("SELECT count(*) FROM delivery WHERE incident_id = ? AND status = ?", Long.class,
                incidentId, status);
    }

    private List<Map<String, Object>> deliveries(String incidentId) {
        ResponseEntity<Map> response = TestLogins.VIEWER.on(rest)
                .getForEntity("/api/v1/notifications?incidentId=" + incidentId, Map.class);
        return (List<Map<String, Object>>) response.getBody().get("items");
    }
}
