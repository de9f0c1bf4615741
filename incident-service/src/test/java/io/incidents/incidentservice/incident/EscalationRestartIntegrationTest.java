package io.incidents.incidentservice.incident;

import io.incidents.incidentservice.IncidentServiceApplication;
import io.incidents.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Escalation deadlines live in PostgreSQL: a service stopped before a deadline and started after
 * it escalates the incident, exactly once.
 */
class EscalationRestartIntegrationTest {

    private static final Duration ACK_TARGET = Duration.ofSeconds(4);

    private final String database = TestInfrastructure.get().newDatabase("escalation_restart");

    @Test
    void aDeadlineThatFellDueWhileTheServiceWasDownFiresOnceAfterTheRestart() {
        String id;
        try (ConfigurableApplicationContext first = start()) {
            ResponseEntity<Map> declared = client(first).postForEntity("/api/v1/incidents",
                    Map.of("title", "Analytics stale", "severity", "SEV3", "services", List.of("analytics")), Map.class);
            assertThat(declared.getStatusCode().value()).isEqualTo(201);
            id = (String) declared.getBody().get("id");
        }
        sleep(ACK_TARGET.plusSeconds(1));

        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> !escalations(jdbc, id).isEmpty());
            assertThat(client(second).postForEntity("/api/v1/incidents/" + id + "/acknowledge", null, Void.class)
                    .getStatusCode().value()).isEqualTo(204);
            int atAcknowledgement = escalations(jdbc, id).size();
            sleep(Duration.ofSeconds(2));

            // A slow start lets the next levels fall due too (every ACK_TARGET): each level once, none after the ack.
            List<String> escalations = escalations(jdbc, id);
            assertThat(escalations).hasSize(atAcknowledgement);
            assertThat(escalations.get(0)).contains("\"level\":2", "\"reason\":\"ACK_OVERDUE\"");
            for (int i = 0; i < escalations.size(); i++) {
                assertThat(escalations.get(i)).contains("\"level\":" + (i + 2));
            }
            String actor = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ? AND payload_type = 'io.incidents.events.IncidentEscalated'"
                    + " ORDER BY sequence_number LIMIT 1", String.class, id);
            assertThat(actor).contains("\"actor\":\"system\"");
        }
    }

    private ConfigurableApplicationContext start() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        // Command-line arguments: they win over application.yml, as the environment would in production.
        return new SpringApplicationBuilder(IncidentServiceApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + infrastructure.user(),
                        "--spring.datasource.password=" + infrastructure.password(),
                        "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--incidents.sla.targets.SEV3.acknowledge-within=" + ACK_TARGET,
                        "--db-scheduler.polling-interval=500ms");
    }

    private static TestRestTemplate client(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port))
                .withBasicAuth("alice", "responder-secret");
    }

    private static List<String> escalations(JdbcTemplate jdbc, String id) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = 'io.incidents.events.IncidentEscalated' ORDER BY sequence_number", String.class, id);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
