package io.incidents.incidentservice.incident;

import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear 4xx problem+json and changes nothing. */
@IntegrationTest
class CommandApiErrorsIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    CommandApi api;

    @BeforeEach
    void setUp() {
        api = new CommandApi(rest);
    }

    @Test
    void withoutALoginTheAnswerIs401ProblemJson() {
        long before = eventCount();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = rest.postForEntity("/api/v1/incidents",
                new HttpEntity<>("{\"title\":\"x\",\"severity\":\"SEV1\",\"services\":[\"a\"]}", headers), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        // Bearer, never Basic: a Basic challenge would make a browser prompt and then cache the password.
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aViewerMayNotDeclareAnIncident() {
        long before = eventCount();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = TestLogins.VIEWER.on(rest).postForEntity("/api/v1/incidents",
                new HttpEntity<>("{\"title\":\"x\",\"severity\":\"SEV1\",\"services\":[\"a\"]}", headers), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aWrongPasswordIs401() {
        ResponseEntity<String> response = rest.withBasicAuth("alice", "wrong")
                .postForEntity("/api/v1/incidents/x/acknowledge", null, String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void anUnknownSeverityIs400AndStoresNothing() {
        long before = eventCount();
        ResponseEntity<Map> response = api.postRaw("/api/v1/incidents",
                "{\"title\":\"x\",\"severity\":\"SEV9\",\"services\":[\"a\"]}");

        assertProblem(response, 400);
        assertThat((String) response.getBody().get("detail")).contains("SEV9");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void missingAndOversizedFieldsAreNamedInThe400() {
        ResponseEntity<Map> response = api.post("/api/v1/incidents",
                Map.of("title", "t".repeat(201), "severity", "SEV1", "services", List.of()));

        assertProblem(response, 400);
        assertThat((List<Map<String, String>>) response.getBody().get("errors"))
                .extracting(error -> error.get("field")).containsExactlyInAnyOrder("title", "services");
    }

    @Test
    void aDetectionTimeThatIsNoTimeIs400AndStoresNothing() {
        long before = eventCount();
        ResponseEntity<Map> response = api.postRaw("/api/v1/incidents",
                "{\"title\":\"x\",\"severity\":\"SEV2\",\"services\":[\"a\"],\"detectedAt\":\"ten minutes ago\"}");

        assertProblem(response, 400);
        assertThat((String) response.getBody().get("detail")).contains("detectedAt");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aNulCharacterIs400AndStoresNothing() {
        long before = eventCount();

        assertProblem(api.postRaw("/api/v1/incidents", "{\"title\":\"bad\\u0000title\",\"severity\":\"SEV2\",\"services\":[\"a\"]}"), 400);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api.postRaw("/api/v1/incidents", "{\"title\":"), 400);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        ResponseEntity<Map> response = api.post("/api/v1/incidents",
                Map.of("title", "big", "severity", "SEV1", "services", List.of("a"), "description", "x".repeat(70_000)));

        assertProblem(response, 413);
    }

    @Test
    void anUnknownIncidentIs404() {
        ResponseEntity<Map> response = api.post("/api/v1/incidents/00000000-0000-0000-0000-000000000000/acknowledge", Map.of());

        assertProblem(response, 404);
        assertThat(response.getBody().get("code")).isEqualTo("INCIDENT_NOT_FOUND");
    }

    @Test
    void resolvingTwiceIs409AndStoresNothingMore() {
        String id = api.declare("Email delayed", "SEV3", "email");
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", Map.of("summary", "queue drained"))
                .getStatusCode().value()).isEqualTo(204);
        long before = eventCount();

        ResponseEntity<Map> second = api.post("/api/v1/incidents/" + id + "/resolve", Map.of("summary", "again"));

        assertProblem(second, 409);
        assertThat(second.getBody().get("code")).isEqualTo("INCIDENT_RESOLVED");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void completingAnUnknownRollbackIs404() {
        String id = api.declare("Login slow", "SEV2", "auth");

        ResponseEntity<Map> response = api.post("/api/v1/incidents/" + id + "/rollbacks/nope/complete", Map.of());

        assertProblem(response, 404);
        assertThat(response.getBody().get("code")).isEqualTo("ROLLBACK_NOT_FOUND");
    }

    @Test
    void aPathIdWithForbiddenCharactersIs400() {
        assertProblem(api.post("/api/v1/incidents/bad$id/acknowledge", Map.of()), 400);
    }

    @Test
    void healthIsOpenAndIncludesTheDatabaseAndKafka() {
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat((Map<String, Object>) health.getBody().get("components")).containsKeys("db", "kafka");
    }

    @Test
    void theOpenApiDocumentDescribesTheCommandApi() {
        ResponseEntity<String> docs = rest.getForEntity("/v3/api-docs", String.class);

        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody()).contains("/api/v1/incidents/{id}/rollbacks/{rollbackId}/complete");
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static void assertProblem(ResponseEntity<?> response, int status) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }
}
