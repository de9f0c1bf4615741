package io.incidents.notificationservice.incident;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.incidents.events.CloudEventHeaders;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incidents imported from the past ({@code ce_imported: true}) page nobody: no chat, no webhook,
 * nothing on the status page. The same events without the mark, on the same topic, do.
 */
@IntegrationTest
class ImportedEventsIntegrationTest {

    private static final String TOPIC = "it-imported-events";
    private static final EventFeed feed = new EventFeed(TOPIC);
    private static final Instant LAST_WEEK = Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static WireMockExtension hooks = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void contacts(DynamicPropertyRegistry registry) {
        String base = "http://localhost:" + hooks.getPort();
        registry.add("notifications.topic", () -> TOPIC);
        registry.add("notifications.levels.1[0].name", () -> "on-call");
        registry.add("notifications.levels.1[0].chat-webhook", () -> base + "/chat/oncall");
        registry.add("notifications.levels.2[0].name", () -> "devops");
        registry.add("notifications.levels.2[0].chat-webhook", () -> base + "/chat/devops");
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
    void anImportedIncidentSendsNothingAndNeverReachesTheStatusPageWhileALiveOneDoes() {
        hooks.stubFor(post(WireMock.anyUrl()).willReturn(aResponse().withStatus(200)));
        String imported = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        double importedBefore = meterRegistry.get("notifications.events.imported").counter().count();

        List<IncidentEvent> importedHistory = history(imported, "Checkout failing last week", "Payments delayed (imported)");
        for (IncidentEvent event : importedHistory) {
            ProducerRecord<String, String> record = feed.record(event, "dana");
            record.headers().add(CloudEventHeaders.IMPORTED, "true".getBytes(StandardCharsets.UTF_8));
            feed.send(record);
        }
        feed.publish("dana", history(live, "Checkout failing now", "Payments delayed (live)").toArray(IncidentEvent[]::new));

        await().atMost(Duration.ofSeconds(20)).until(() -> requestsAbout(live) > 0
                && meterRegistry.get("notifications.events.imported").counter().count()
                >= importedBefore + importedHistory.size());
        // The page names no incident id (SPEC 6): each incident is told apart by its public title.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM status_entry"
                + " WHERE incident_id = ?", Long.class, live) == 2);

        assertThat(requestsAbout(imported)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery WHERE incident_id = ?", Long.class, imported)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM status_entry WHERE incident_id = ?", Long.class, imported)).isZero();
        assertThat(rest.getForEntity("/api/v1/status", String.class).getBody()).contains("Payments delayed (live)")
                .doesNotContain("Payments delayed (imported)").doesNotContain(imported).doesNotContain(live);
        assertThat(rest.getForEntity("/status/feed.atom", String.class).getBody())
                .contains("Payments delayed (live)").doesNotContain("Payments delayed (imported)");
    }

    private static List<IncidentEvent> history(String id, String title, String publicTitle) {
        return List.of(
                new IncidentDeclared(id, title, "HTTP 500 on /pay", Severity.SEV2, List.of("checkout"), IncidentSource.manual(),
                        LAST_WEEK),
                new IncidentAcknowledged(id, "dana", LAST_WEEK.plusSeconds(240)),
                new IncidentStatusUpdated(id, StatusPagePhase.IDENTIFIED, "A faulty deployment was identified.",
                        LAST_WEEK.plusSeconds(600), publicTitle, List.of("Payments")),
                new IncidentResolved(id, "Rolled back", "unreviewed config change", LAST_WEEK.plusSeconds(3000)));
    }

    private static int requestsAbout(String incidentId) {
        return hooks.findAll(postRequestedFor(WireMock.anyUrl()).withRequestBody(WireMock.containing(incidentId))).size();
    }
}
