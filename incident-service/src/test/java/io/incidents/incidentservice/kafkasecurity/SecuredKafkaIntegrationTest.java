package io.incidents.incidentservice.kafkasecurity;

import io.incidents.support.kafka.RequiredTopicsGuard;
import io.incidents.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.incidents.incidentservice.kafkasecurity.DeployedKafka.ALERT_PRODUCER;
import static io.incidents.incidentservice.kafkasecurity.DeployedKafka.INCIDENT_SERVICE;
import static io.incidents.incidentservice.kafkasecurity.DeployedKafka.TIMELINE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * incident-service on a broker secured as docs/deploy-kafka.md says (SASL_SSL, SCRAM-SHA-512, a
 * private CA, ACLs read from that page), given nothing but the guide's environment variables:
 * every Kafka client it makes (topic check, listeners, relay, API-token feed and publisher,
 * health) gets through, and only as far as its ACLs allow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SecuredKafkaIntegrationTest.DeployedAsTheGuideSays.class)
@ActiveProfiles("test")
class SecuredKafkaIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RequiredTopicsGuard topics;

    @Test
    void anAlertFromANamedProducerBecomesAnIncidentThatTimelineServiceReadsFromIncidentEvents() throws Exception {
        // Created (or found) by the service's own admin client, as incident-service.
        await().atMost(Duration.ofSeconds(30)).until(topics::settled);

        String dedupKey = "secured-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(DeployedKafka.get().clientConfig(ALERT_PRODUCER),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("alerts", dedupKey, "{\"dedupKey\":\"" + dedupKey + "\",\"summary\":\"Checkout 5xx\","
                    + "\"service\":\"checkout\",\"errorRate\":12.5,\"status\":\"firing\"}")).get(20, TimeUnit.SECONDS);
        }
        // The alerts listener, in its group incident-service-alerts.
        String incident = await().atMost(Duration.ofSeconds(30)).until(() -> incidentFor(dedupKey), Optional::isPresent).orElseThrow();

        // The relay's idempotent producer, then timeline-service's principal in its own group.
        ConsumerRecord<String, String> published = readAsTimelineService(incident);
        assertThat(header(published, "ce_type")).isEqualTo("incident.IncidentDeclared.v1");
        assertThat(header(published, "ce_source")).isEqualTo("/incident-service");

        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);
        assertThat((Map<String, Object>) ((Map<String, Object>) health.getBody().get("components")).get("kafka"))
                .containsEntry("status", "UP");
    }

    @Test
    void anApiTokenGoesOutOnApiTokensAndComesBackThroughTheFeed() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        // 201 only once the broker has confirmed the token's record on api-tokens (503 otherwise).
        ResponseEntity<Map> created = rest.withBasicAuth("ada", "test-secret").postForEntity("/api/v1/admin/tokens",
                new HttpEntity<>(Map.of("name", "secured-kafka", "role", "ADMIN"), json), Map.class);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);

        HttpHeaders bearer = new HttpHeaders();
        bearer.setBearerAuth((String) created.getBody().get("token"));
        // The service knows the token only from its feed of api-tokens, read without a group.
        await().atMost(Duration.ofSeconds(20)).until(() -> rest.exchange("/api/v1/admin/tokens", HttpMethod.GET,
                new HttpEntity<>(bearer), Map.class).getStatusCode().value() == 200);
    }

    private Optional<String> incidentFor(String dedupKey) {
        return jdbc.queryForList("SELECT incident_id FROM alert_incident WHERE dedup_key = ?", String.class, dedupKey)
                .stream().findFirst();
    }

    private static ConsumerRecord<String, String> readAsTimelineService(String incident) {
        Map<String, Object> config = new HashMap<>(DeployedKafka.get().clientConfig(TIMELINE_SERVICE));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "timeline-service");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("incident-events"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (incident.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("incident " + incident + " never reached incident-events");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The test PostgreSQL (a database of its own), and Kafka as the deployment guide sets it:
     * its environment variables, bound as Spring binds the real environment.
     */
    static class DeployedAsTheGuideSays implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestInfrastructure infrastructure = TestInfrastructure.get();
            Map<String, Object> environment = new LinkedHashMap<>(DeployedKafka.get().serviceEnvironment(INCIDENT_SERVICE));
            // The test profile names a group per context (contexts share the other broker); here the production name.
            environment.put("INCIDENTS_APITOKENS_USAGEGROUPID", "incident-service-token-usage");
            environment.put("CONSUMER_GROUP", "incident-service-alerts");
            context.getEnvironment().getPropertySources().addFirst(
                    new SystemEnvironmentPropertySource("secured-kafka-" + "systemEnvironment", environment));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
                    "spring.datasource.url", infrastructure.newDatabase("incident_service_secured"),
                    "spring.datasource.username", infrastructure.user(),
                    "spring.datasource.password", infrastructure.password(),
                    "spring.datasource.hikari.connection-timeout", "3000")));
        }
    }
}
