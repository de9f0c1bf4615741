package io.incidents.testsupport;

import io.incidents.support.health.Degraded;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;
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
    @Autowired
    protected HttpCodeStatusMapper statusMapper;

    @Test
    void healthIsOpenUpAndIncludesKafka() {
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", "UP");
        assertThat((Map<String, Object>) health.getBody().get("components")).containsKey("kafka");
    }

    @Test
    void healthIsAnswered503WhenDownAnd200WhenDegraded() {
        // A status mapping in the configuration replaces Spring's defaults: DOWN must still be 503.
        assertThat(statusMapper.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(statusMapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(statusMapper.getStatusCode(Degraded.STATUS)).isEqualTo(200);
        assertThat(statusMapper.getStatusCode(Status.UP)).isEqualTo(200);
    }

    @Test
    void metricsNeedALogin() {
        ResponseEntity<String> metrics = rest.getForEntity("/actuator/metrics", String.class);

        assertThat(metrics.getStatusCode().value()).isEqualTo(401);
        assertThat(metrics.getHeaders().getContentType()).hasToString("application/problem+json");
    }
}
