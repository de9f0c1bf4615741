package io.incidents.notificationservice;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.incidents.events.CloudEventHeaders;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.SecretLeakContract;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook URLs (a Slack incoming-webhook URL is a credential), webhook signing secrets, email
 * the SMTP password: used for real (one endpoint failing, so errors get logged too), then
 * looked for in every log line and answer.
 */
@IntegrationTest
class SecretLeakIntegrationTest extends SecretLeakContract {

    private static final String TOPIC = "it-secret-leak";
    private static final String CHAT_PATH = "/services/T0LEAK/B0LEAK/leakCanaryChatToken";
    private static final String FAILING_CHAT_PATH = "/services/T0LEAK/B1LEAK/leakCanaryFailingToken";
    private static final String HOOK_PATH = "/hooks/leakCanaryHookPath";
    private static final String HOOK_SECRET = "leak-canary-webhook-secret";
    private static final String SMTP_PASSWORD = "leak-canary-smtp-password";
    private static final EventFeed feed = new EventFeed(TOPIC);

    @RegisterExtension
    static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("canary", SMTP_PASSWORD))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void contacts(DynamicPropertyRegistry registry) {
        String base = "http://localhost:" + hooks.getPort();
        registry.add("notifications.topic", () -> TOPIC);
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
        registry.add("spring.mail.username", () -> "canary");
        registry.add("spring.mail.password", () -> SMTP_PASSWORD);
        registry.add("spring.mail.properties.mail.smtp.auth", () -> "true");
        registry.add("notifications.levels.1[0].name", () -> "on-call");
        registry.add("notifications.levels.1[0].chat-webhook", () -> base + CHAT_PATH);
        registry.add("notifications.levels.1[0].email", () -> "leak-canary-oncall@example.com");
        registry.add("notifications.levels.2[0].name", () -> "devops");
        registry.add("notifications.levels.2[0].chat-webhook", () -> base + FAILING_CHAT_PATH);
        registry.add("notifications.webhooks[0].name", () -> "bridge");
        registry.add("notifications.webhooks[0].url", () -> base + HOOK_PATH);
        registry.add("notifications.webhooks[0].secret", () -> HOOK_SECRET);
    }

    @Autowired
    JdbcTemplate jdbc;

    private String incidentId;

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Override
    protected List<String> serviceSecrets() {
        return List.of("leakCanaryChatToken", "leakCanaryFailingToken", "leakCanaryHookPath", HOOK_SECRET, SMTP_PASSWORD);
    }

    @Override
    protected void useTheSecrets() {
        hooks.stubFor(post(urlPathMatching("/services/T0LEAK/B0LEAK/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        hooks.stubFor(post(urlPathMatching("/services/T0LEAK/B1LEAK/.*")).willReturn(aResponse().withStatus(500)));
        hooks.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
        incidentId = UUID.randomUUID().toString();
        feed.publish("bob", new IncidentDeclared(incidentId, "Checkout failing", null, Severity.SEV2, List.of("checkout"),
                IncidentSource.manual(), Instant.parse("2026-11-20T09:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM delivery WHERE incident_id = ? AND status = 'PENDING'", Long.class, incidentId) == 0
                && jdbc.queryForObject("SELECT count(*) FROM delivery WHERE incident_id = ? AND status = 'SENT'", Long.class,
                incidentId) >= 3);
        if (mail.getReceivedMessages().length == 0) {
            throw new AssertionError("the email was not sent with the SMTP login");
        }
    }

    @Test
    void whatIsPublishedOnNotificationEventsNamesTheContactsNeverTheirAddresses() {
        useTheSecrets(); // one message parked (the failing chat webhook), the others delivered
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM notification_outbox"
                + " WHERE incident_id = ? AND published_at IS NULL", Long.class, incidentId) == 0);
        long published = jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE incident_id = ?", Long.class,
                incidentId);

        List<ConsumerRecord<String, String>> records = TopicReader.read(NotificationEventTypes.TOPIC,
                record -> incidentId.equals(record.key()), (int) published, Duration.ofSeconds(30));

        assertThat(records).hasSize((int) published).extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE))
                .contains("notification.MessageDelivered.v1", "notification.MessageFailed.v1", "notification.MessageParked.v1");
        assertThat(String.join("\n", records.stream().map(ConsumerRecord::value).toList()))
                .contains("\"recipient\":\"devops\"", "\"recipient\":\"on-call\"", "\"recipient\":\"bridge\"");
        for (ConsumerRecord<String, String> record : records) {
            StringBuilder whole = new StringBuilder(record.value());
            for (Header header : record.headers()) {
                whole.append(' ').append(new String(header.value(), StandardCharsets.UTF_8));
            }
            for (String secret : serviceSecrets()) {
                assertThat(whole.toString()).doesNotContain(secret);
            }
            assertThat(whole.toString()).doesNotContain("leak-canary-oncall@").doesNotContain("/services/");
        }
    }

    @Override
    protected List<String> ids() {
        return List.of(incidentId, "1");
    }
}
