package io.incidents.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises about its health endpoint and login; a service's test class
 * extends this (annotated {@link IntegrationTest}) to check it.
 */
public abstract class ServiceHealthContract {

    @Autowired
    protected TestRestTemplate rest;

    @Test
    void healthIsOpenUpAndIncludesKafka() {
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "UP");
        assertThat((Map<String, Object>) health.getBody().get("components")).containsKey("kafka");
    }

    @Test
    void metricsNeedALogin() {
        ResponseEntity<String> metrics = rest.getForEntity("/actuator/metrics", String.class);

        assertThat(metrics.getStatusCode().value()).isEqualTo(401);
        assertThat(metrics.getHeaders().getContentType()).hasToString("application/problem+json");
    }
}
