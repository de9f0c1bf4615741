package io.incidents.incidentservice.alerting;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrations created, listed and revoked at run time, and what their keys can then do. */
@IntegrationTest
class IntegrationAdminIntegrationTest {

    private static final String INTEGRATIONS = "/api/v1/admin/integrations";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertingProperties properties;

    @Test
    void aCreatedKeySendsAlertsUntilItsIntegrationIsRevoked() {
        String name = "team-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<Map> created = admin().postForEntity(INTEGRATIONS,
                json(Map.of("name", name, "defaultService", "payments", "autoResolve", true)), Map.class);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getCacheControl()).contains("no-store");
        String id = (String) created.getBody().get("id");
        String key = (String) created.getBody().get("key");
        assertThat(created.getHeaders().getLocation()).hasToString(INTEGRATIONS + "/" + id);
        assertThat(created.getBody()).containsEntry("name", name);
        // "ik_" and 32 random bytes in URL-safe Base64
        assertThat(key).startsWith("ik_").hasSize(3 + 43).matches("ik_[A-Za-z0-9_-]{43}");
        assertThat(jdbc.queryForObject("SELECT key_sha256 FROM integration WHERE id = ?", String.class, id))
                .isEqualTo(IntegrationKeys.sha256Hex(key));

        ResponseEntity<String> listed = admin().getForEntity(INTEGRATIONS, String.class);
        assertThat(listed.getBody()).doesNotContain(key, IntegrationKeys.sha256Hex(key), "3110dfe2be89dd67551fc1e62db38cd925b86dace8");
        assertThat(entry(id)).containsEntry("name", name).containsEntry("defaultService", "payments")
                .containsEntry("autoResolve", true).containsEntry("source", "api").containsEntry("createdBy", TestLogins.ADMIN.username())
                .containsEntry("revokedAt", null).containsKey("createdAt");

        String dedupKey = "created-" + UUID.randomUUID();
        assertThat(alert(key, dedupKey).getStatusCode().value()).isEqualTo(202);
        String incident = jdbc.queryForObject("SELECT incident_id FROM alert_incident WHERE integration = ? AND dedup_key = ?",
                String.class, name, dedupKey);
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = 0", String.class, incident)).contains("\"services\":[\"payments\"]");

        assertThat(admin().exchange(INTEGRATIONS + "/" + id, HttpMethod.DELETE, null, Void.class).getStatusCode().value())
                .isEqualTo(204);

        ResponseEntity<Map> refused = alert(key, "after-" + UUID.randomUUID());
        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(entry(id)).containsEntry("revokedBy", TestLogins.ADMIN.username()).extractingByKey("revokedAt").isNotNull();
        // revoking twice changes nothing; the name is free again
        assertThat(admin().exchange(INTEGRATIONS + "/" + id, HttpMethod.DELETE, null, Void.class).getStatusCode().value())
                .isEqualTo(204);
        assertThat(admin().postForEntity(INTEGRATIONS, json(Map.of("name", name, "defaultService", "payments")), Map.class)
                .getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void configuredIntegrationsAreListedButNotRevocableAndNamesAreNotShared() {
        assertThat(entry("config:pd")).containsEntry("name", "pd").containsEntry("source", "config")
                .containsEntry("defaultService", "platform");
        ResponseEntity<Map> configured = admin().exchange(INTEGRATIONS + "/config:pd", HttpMethod.DELETE, null, Map.class);
        assertThat(configured.getStatusCode().value()).isEqualTo(409);
        assertThat(configured.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(admin().exchange(INTEGRATIONS + "/" + UUID.randomUUID(), HttpMethod.DELETE, null, Map.class)
                .getStatusCode().value()).isEqualTo(404);

        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin().postForEntity(INTEGRATIONS, json(Map.of("name", name, "defaultService", "search")), Map.class)
                .getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> clash = admin().postForEntity(INTEGRATIONS, json(Map.of("name", name, "defaultService", "search")),
                Map.class);
        assertThat(clash.getStatusCode().value()).isEqualTo(409);
        assertThat((String) clash.getBody().get("detail")).contains(name);
        assertThat(admin().postForEntity(INTEGRATIONS, json(Map.of("name", "pd", "defaultService", "search")), Map.class)
                .getStatusCode().value()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM integration WHERE name IN (?, 'pd')", Integer.class, name))
                .isEqualTo(1);
    }

    @Test
    void anIntegrationMayHaveARateLimitOfItsOwnElseTheServicesIsListed() {
        String own = "limited-" + UUID.randomUUID().toString().substring(0, 8);
        String usual = "usual-" + UUID.randomUUID().toString().substring(0, 8);
        String ownId = (String) admin().postForEntity(INTEGRATIONS, json(Map.of("name", own, "defaultService", "search",
                "rateLimitPerMinute", 30)), Map.class).getBody().get("id");
        String usualId = (String) admin().postForEntity(INTEGRATIONS, json(Map.of("name", usual, "defaultService", "search")),
                Map.class).getBody().get("id");

        assertThat(entry(ownId)).containsEntry("rateLimitPerMinute", 30);
        assertThat(entry(usualId)).containsEntry("rateLimitPerMinute", properties.rateLimitPerMinute());
        assertThat(entry("config:pd")).containsEntry("rateLimitPerMinute", properties.rateLimitPerMinute());

        for (int wrong : List.of(0, -5, 1_000_001)) {
            ResponseEntity<Map> invalid = admin().postForEntity(INTEGRATIONS, json(Map.of("name", "bad-" + UUID.randomUUID()
                    .toString().substring(0, 8), "defaultService", "search", "rateLimitPerMinute", wrong)), Map.class);
            assertThat(invalid.getStatusCode().value()).as("rateLimitPerMinute %d", wrong).isEqualTo(400);
            assertThat((List<Map<String, String>>) invalid.getBody().get("errors")).extracting(error -> error.get("field"))
                    .containsExactly("rateLimitPerMinute");
        }
    }

    @Test
    void invalidInputIs400WithTheFieldsAndNoLoginIs401() {
        ResponseEntity<Map> invalid = admin().postForEntity(INTEGRATIONS, json(Map.of("name", "no spaces, please",
                "defaultService", "../etc")), Map.class);

        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((List<Map<String, String>>) invalid.getBody().get("errors")).extracting(error -> error.get("field"))
                .containsExactlyInAnyOrder("name", "defaultService");
        assertThat(admin().postForEntity(INTEGRATIONS, json(Map.of("defaultService", "search")), Map.class)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(rest.getForEntity(INTEGRATIONS, String.class).getStatusCode().value()).isEqualTo(401);
    }

    private TestRestTemplate admin() {
        return TestLogins.ADMIN.on(rest);
    }

    private Map<String, Object> entry(String id) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) admin().getForObject(INTEGRATIONS, Map.class).get("items");
        return all.stream().filter(entry -> id.equals(entry.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no integration " + id + " in " + all));
    }

    private ResponseEntity<Map> alert(String key, String dedupKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(key);
        return rest.postForEntity("/api/v1/alerts", new HttpEntity<>("{\"dedupKey\":\"" + dedupKey + "\",\"summary\":\"Queue backlog\","
                + "\"source\":\"test\",\"severity\":\"warning\",\"status\":\"firing\"}", headers), Map.class);
    }

    private static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
