package io.incidents.incidentservice.apitoken;

import io.incidents.support.security.ApiTokens;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ApiTokenIntegrationTest {

    private static final String DECLARE = "{\"title\":\"Deploy broke checkout\",\"severity\":\"SEV3\",\"services\":[\"checkout\"]}";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TokenRepublisher republisher;

    TokenApi tokens;

    @BeforeEach
    void setUp() {
        tokens = new TokenApi(rest);
    }

    @Test
    void aResponderTokenDeclaresIncidentsUnderItsNameWhileAViewerTokenMayNot() {
        Map<String, Object> created = tokens.create("ci deploy", "RESPONDER", null);
        String token = (String) created.get("token");
        assertThat(token).startsWith("itk_").hasSize(4 + 43).matches("itk_[A-Za-z0-9_-]+");
        assertThat(created).containsEntry("name", "ci deploy").containsEntry("role", "RESPONDER").containsEntry("expiresAt", null);

        ResponseEntity<String> declared = tokens.call(token, HttpMethod.POST, "/api/v1/incidents", DECLARE);

        assertThat(declared.getStatusCode().value()).isEqualTo(201);
        String incidentId = declared.getBody().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        List<ConsumerRecord<String, String>> events = TopicReader.read("incident-events",
                record -> incidentId.equals(record.key()), 1, Duration.ofSeconds(30));
        assertThat(events).isNotEmpty();
        assertThat(header(events.get(0), "ce_actor")).isEqualTo("token:ci deploy");

        String viewer = (String) tokens.create("dashboard reader", "VIEWER", null).get("token");
        assertThat(tokens.call(viewer, HttpMethod.POST, "/api/v1/incidents", DECLARE).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void theTokenIsShownOnceAndKeptOnlyAsItsHash() {
        Map<String, Object> created = tokens.create("grafana", "VIEWER", null);
        String id = (String) created.get("id");
        String token = (String) created.get("token");
        String sha256 = ApiTokens.sha256(token);

        String list = TestLogins.ADMIN.on(rest).getForEntity(TokenApi.TOKENS, String.class).getBody();
        assertThat(list).contains(id, "\"createdBy\":\"ada\"").doesNotContain(token, sha256);
        assertThat(jdbc.queryForObject("SELECT sha256 FROM api_token WHERE id = ?", String.class, id)).isEqualTo(sha256);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token WHERE CAST(api_token AS text) LIKE ?", Integer.class,
                "%" + token.substring(4) + "%")).isZero();

        List<ConsumerRecord<String, String>> published = TopicReader.read("api-tokens", record -> id.equals(record.key()), 1,
                Duration.ofSeconds(10));
        assertThat(published).singleElement().satisfies(record -> assertThat(record.value())
                .contains("\"sha256\":\"" + sha256 + "\"", "\"role\":\"VIEWER\"").doesNotContain(token.substring(4)));
    }

    @Test
    void theListShowsWhenATokenWasLastUsed() {
        Map<String, Object> created = tokens.create("prometheus scrape", "METRICS", null);
        String id = (String) created.get("id");
        assertThat(tokens.listed(id)).containsEntry("lastUsedAt", null).containsEntry("createdBy", "ada");

        Instant before = Instant.now().minusSeconds(1);
        assertThat(tokens.scrape((String) created.get("token"))).isEqualTo(200);

        await().atMost(Duration.ofSeconds(35))
                .until(() -> tokens.listed(id).get("lastUsedAt") != null);
        assertThat(Instant.parse((String) tokens.listed(id).get("lastUsedAt"))).isAfter(before);
    }

    @Test
    void aRevokedTokenIsRefusedWithinSecondsAndRevokingAgainChangesNothing() {
        Map<String, Object> created = tokens.create("old ci", "METRICS", null);
        String id = (String) created.get("id");
        String token = (String) created.get("token");
        assertThat(tokens.scrape(token)).isEqualTo(200);

        assertThat(tokens.revoke(id)).isEqualTo(204);

        await().atMost(Duration.ofSeconds(5)).until(() -> tokens.scrape(token) == 401);
        assertThat(tokens.revoke(id)).isEqualTo(204);
        assertThat(tokens.listed(id).get("revokedAt")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT revoked_by FROM api_token WHERE id = ?", String.class, id)).isEqualTo("ada");
        List<ConsumerRecord<String, String>> states = TopicReader.read("api-tokens", record -> id.equals(record.key()), 2,
                Duration.ofSeconds(10));
        assertThat(states).hasSize(2);
        assertThat(states.get(1).value()).contains("\"revokedAt\":\"");
    }

    @Test
    void revokingAnUnknownTokenIsNotFound() {
        ResponseEntity<String> answer = TestLogins.ADMIN.on(rest).exchange(TokenApi.TOKENS + "/" + UUID.randomUUID(),
                HttpMethod.DELETE, null, String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody()).contains("TOKEN_NOT_FOUND");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Map<String, Object> created = tokens.create("short lived", "METRICS", Instant.now().plusSeconds(3).toString());
        String token = (String) created.get("token");
        assertThat(created.get("expiresAt")).isNotNull();
        assertThat(tokens.scrape(token)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> tokens.scrape(token) == 401);
    }

    @Test
    void creatingAndRevokingAreAuditedWithoutTheToken() {
        Map<String, Object> created = tokens.create("audited", "ADMIN", Instant.now().plus(Duration.ofDays(30)).toString());
        String id = (String) created.get("id");
        String token = (String) created.get("token");
        tokens.revoke(id);

        String createdEntries = TestLogins.ADMIN.on(rest).getForObject("/api/v1/admin/audit?action=TOKEN_CREATED", String.class);
        String revokedEntries = TestLogins.ADMIN.on(rest).getForObject("/api/v1/admin/audit?action=TOKEN_REVOKED", String.class);

        assertThat(createdEntries).contains("\"actor\":\"ada\"", "api-token " + id + " (audited)", "role ADMIN, expires ");
        assertThat(revokedEntries).contains("\"actor\":\"ada\"", "api-token " + id + " (audited)");
        assertThat(createdEntries + revokedEntries).doesNotContain(token.substring(4), ApiTokens.sha256(token));
    }

    @Test
    void aTokenWhosePublicationWasLostWorksAfterTheStartUpRepublication() {
        String token = "itk_lost-publication-" + UUID.randomUUID();
        jdbc.update("INSERT INTO api_token (id, name, role, sha256, created_by, created_at) VALUES (?, 'lost', 'METRICS', ?, 'ada', ?)",
                UUID.randomUUID().toString(), ApiTokens.sha256(token), Timestamp.from(Instant.now()));
        assertThat(tokens.scrape(token)).isEqualTo(401);

        assertThat(republisher.republishAll()).isPositive();

        await().atMost(Duration.ofSeconds(5)).until(() -> tokens.scrape(token) == 200);
    }
}
