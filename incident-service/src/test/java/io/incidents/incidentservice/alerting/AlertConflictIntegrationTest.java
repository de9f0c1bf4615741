package io.incidents.incidentservice.alerting;

import io.incidents.incidentservice.InjectedFaults;
import io.incidents.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another instance writes to the alert's incident at the same moment (a real row in the event
 * store, just before ours): the alert endpoints answer 503 with Retry-After, which Alertmanager
 * and PagerDuty clients retry, not the command API's 409, on which they would drop the alert;
 * and the alert sent again is taken.
 */
@IntegrationTest
@Import(InjectedFaults.class)
class AlertConflictIntegrationTest {

    private static final String RECEIVED = "io.incidents.events.AlertReceived";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void otherInstanceQuiet() {
        AnotherInstance.writesTo.set(null);
    }

    @Test
    void aNativeAlertThatLostARaceToAnotherInstanceIs503AndTakenWhenSentAgain() {
        String dedupKey = "race-" + UUID.randomUUID();
        String alert = """
                {"dedupKey": "%s", "summary": "Queue backing up", "severity": "warning", "status": "firing"}"""
                .formatted(dedupKey);
        assertThat(post("/api/v1/alerts", "native-key", alert).getStatusCode().value()).isEqualTo(202);
        assertThat(post("/api/v1/alerts", "native-key", alert).getStatusCode().value()).isEqualTo(202);
        String incident = incidentOf("native", dedupKey);
        AnotherInstance.writesTo.set(incident);

        ResponseEntity<Map> lost = post("/api/v1/alerts", "native-key", alert);

        assertRetryLater(lost);
        assertThat(received(incident)).as("our own and the other instance's").isEqualTo(2);
        assertThat(post("/api/v1/alerts", "native-key", alert).getStatusCode().value()).isEqualTo(202);
        assertThat(received(incident)).isEqualTo(3);
    }

    @Test
    void aPagerDutyEventThatLostARaceIs503SoTheClientSendsItAgain() {
        String dedupKey = "race-" + UUID.randomUUID();
        String event = """
                {"routing_key": "pd-key-0123456789abcdef0123456789", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "Billing failing", "source": "billing-1", "severity": "error"}}"""
                .formatted(dedupKey);
        assertThat(post("/v2/enqueue", null, event).getStatusCode().value()).isEqualTo(202);
        assertThat(post("/v2/enqueue", null, event).getStatusCode().value()).isEqualTo(202);
        AnotherInstance.writesTo.set(incidentOf("pd", dedupKey));

        assertRetryLater(post("/v2/enqueue", null, event));
        assertThat(post("/v2/enqueue", null, event).getStatusCode().value()).isEqualTo(202);
    }

    private static void assertRetryLater(ResponseEntity<Map> answer) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody()).containsEntry("code", "CONCURRENT_MODIFICATION");
    }

    private String incidentOf(String integration, String dedupKey) {
        return jdbc.queryForObject("SELECT incident_id FROM alert_incident WHERE integration = ? AND dedup_key = ?"
                + " AND closed_at IS NULL", String.class, integration, dedupKey);
    }

    private int received(String incident) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Integer.class, incident, RECEIVED);
    }

    private ResponseEntity<Map> post(String path, String key, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.setBearerAuth(key);
        }
        return rest.postForEntity(path, new HttpEntity<>(json, headers), Map.class);
    }
}
