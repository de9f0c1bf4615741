package io.incidents.incidentservice.availability;

import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.InfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started while no Kafka broker answers, the service comes up, stays ready and alive for its
 * load balancer, and takes commands into PostgreSQL; only its overall health shows Kafka down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BrokerDownIntegrationTest.NoBroker.class)
@ActiveProfiles("test")
@DirtiesContext
class BrokerDownIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void withoutABrokerTheServiceStartsStaysReadyAndTakesCommands() {
        ResponseEntity<Map> readiness = rest.getForEntity("/actuator/health/readiness", Map.class);
        ResponseEntity<Map> liveness = rest.getForEntity("/actuator/health/liveness", Map.class);
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);

        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).containsEntry("status", "UP");
        assertThat(liveness.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getStatusCode().value()).as("the whole picture does show the broker gone").isEqualTo(503);
        assertThat((Map<String, Map<String, Object>>) health.getBody().get("components"))
                .hasEntrySatisfying("kafka", kafka -> assertThat(kafka).containsEntry("status", "DOWN"));

        String id = new CommandApi(rest).declare("Declared without a broker", "SEV3", "search");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, id)).isEqualTo(1);
    }

    /** The shared PostgreSQL; Kafka at an address where nothing listens. */
    static class NoBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new InfrastructureInitializer().initialize(context);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("no-broker", Map.of(
                    "spring.kafka.bootstrap-servers", "127.0.0.1:" + freePort(),
                    // Only how long start-up waits for the broker before going on without it (30 s and 10 s).
                    "spring.kafka.admin.operation-timeout", "3s",
                    "spring.kafka.admin.close-timeout", "1s")));
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
