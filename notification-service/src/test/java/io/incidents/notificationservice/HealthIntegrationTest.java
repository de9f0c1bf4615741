package io.incidents.notificationservice;

import io.incidents.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HealthIntegrationTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void healthIsUpAndIncludesKafka() {
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "UP");
        assertThat((Map<String, Object>) health.getBody().get("components")).containsKey("kafka");
    }

    @Test
    void everythingElseNeedsALogin() {
        assertThat(rest.getForEntity("/actuator/metrics", String.class).getStatusCode().value()).isEqualTo(401);
    }
}
