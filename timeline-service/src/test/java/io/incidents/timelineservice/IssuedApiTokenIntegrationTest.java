package io.incidents.timelineservice;

import io.incidents.support.security.ApiTokens;
import io.incidents.support.security.Role;
import io.incidents.support.security.apitokens.TokenState;
import io.incidents.support.security.apitokens.TokenUse;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestInfrastructure;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens issued at run time reach this service through the api-tokens topic alone; the test
 * plays incident-service's part (it creates the topics and publishes each token's state).
 */
@IntegrationTest
class IssuedApiTokenIntegrationTest {

    private static KafkaProducer<String, String> producer;

    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void topicsAsIncidentServiceCreatesThem() throws Exception {
        String servers = TestInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            create(admin, new NewTopic("api-tokens", 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            create(admin, new NewTopic("api-token-usage", 1, (short) 1));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void aTokenPublishedOnTheTopicIsAcceptedWithinSecondsAndItsRevocationStopsIt() throws Exception {
        String token = newToken();
        TokenState state = new TokenState(UUID.randomUUID().toString(), "wallboard", Role.VIEWER, ApiTokens.sha256(token),
                null, null);
        assertThat(readIncidents(token)).isEqualTo(401);

        publish(state);
        await().atMost(Duration.ofSeconds(15)).until(() -> readIncidents(token) == 200);

        publish(state.revoked(Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> readIncidents(token) == 401);
    }

    @Test
    void aTokensRoleIsHonoured() throws Exception {
        String token = newToken();
        publish(new TokenState(UUID.randomUUID().toString(), "scraper", Role.METRICS, ApiTokens.sha256(token), null, null));
        await().atMost(Duration.ofSeconds(15)).until(() -> call(token, "/actuator/metrics") == 200);

        assertThat(readIncidents(token)).isEqualTo(403);
    }

    @Test
    void theUseOfAnIssuedTokenIsReportedToIncidentService() throws Exception {
        String token = newToken();
        String id = UUID.randomUUID().toString();
        publish(new TokenState(id, "ci", Role.VIEWER, ApiTokens.sha256(token), null, null));
        await().atMost(Duration.ofSeconds(15)).until(() -> readIncidents(token) == 200);
        Instant used = Instant.now();

        List<ConsumerRecord<String, String>> reports = TopicReader.read("api-token-usage", record -> id.equals(record.key()), 1,
                Duration.ofSeconds(30));

        assertThat(reports).isNotEmpty();
        TokenUse use = TokenUse.fromJson(reports.get(0).value());
        assertThat(use.tokenId()).isEqualTo(id);
        assertThat(use.service()).isEqualTo("timeline-service");
        assertThat(use.usedAt()).isBetween(used.minusSeconds(10), Instant.now());
    }

    private int readIncidents(String token) {
        return call(token, "/api/v1/incidents");
    }

    private int call(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getStatusCode().value();
    }

    private static void publish(TokenState state) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>("api-tokens", state.id(), state.toJson())).get();
    }

    private static String newToken() {
        return ApiTokens.PREFIX + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    private static void create(Admin admin, NewTopic topic) throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
