package io.incidents.notificationservice;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.SecretLeakContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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

    @Override
    protected List<String> ids() {
        return List.of(incidentId, "1");
    }
}
