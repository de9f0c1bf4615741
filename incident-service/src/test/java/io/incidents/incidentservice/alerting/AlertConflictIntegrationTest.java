package io.incidents.incidentservice.alerting;

import io.incidents.incidentservice.incident.IncidentCommands.ReceiveAlertCommand;
import io.incidents.testsupport.IntegrationTest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another instance writes to the alert's incident at the same moment (a real row in the event
 * store, just before ours): the alert endpoints answer 503 with Retry-After, which Alertmanager
 * and PagerDuty clients retry, not the command API's 409, on which they would drop the alert;
 * and the alert sent again is taken.
 */
@IntegrationTest
@Import(AlertConflictIntegrationTest.AnotherInstance.class)
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

    /**
     * Plays a second instance of the service: once, just before our command's events are stored,
     * it stores the same alert for the same incident in a transaction of its own, taking the
     * sequence number ours was about to use. Axon then meets the event store's unique key.
     */
    @TestConfiguration
    static class AnotherInstance {

        static final AtomicReference<String> writesTo = new AtomicReference<>();

        @Bean
        SmartInitializingSingleton anotherInstanceWrites(CommandBus commandBus, DataSource dataSource) {
            MessageHandlerInterceptor<CommandMessage<?>> race = (unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof ReceiveAlertCommand alert
                        && alert.incidentId().equals(writesTo.getAndUpdate(armed -> alert.incidentId().equals(armed) ? null : armed))) {
                    unitOfWork.onPrepareCommit(u -> storeTheSameAlertFirst(dataSource, alert.incidentId()));
                }
                return chain.proceed();
            };
            return () -> commandBus.registerHandlerInterceptor(race);
        }

        private static void storeTheSameAlertFirst(DataSource dataSource, String incident) {
            try (Connection own = dataSource.getConnection();
                 PreparedStatement insert = own.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                         + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload,"
                         + " meta_data) SELECT ?, aggregate_identifier, sequence_number + 1, type, time_stamp, payload_type,"
                         + " payload_revision, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?"
                         + " ORDER BY sequence_number DESC LIMIT 1")) {
                own.setAutoCommit(true);
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, incident);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
