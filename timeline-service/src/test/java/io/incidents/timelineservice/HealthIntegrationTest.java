package io.incidents.timelineservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.ServiceHealthContract;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HealthIntegrationTest extends ServiceHealthContract {

    /** Kubernetes probes these (deploy/k8s): open, and up once the service has started. */
    @Test
    void probeGroupsAnswerWithoutALogin() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            ResponseEntity<Map> answer = rest.getForEntity(probe, Map.class);

            assertThat(answer.getStatusCode().value()).as(probe).isEqualTo(200);
            assertThat(answer.getBody()).as(probe).containsEntry("status", "UP");
        }
    }
}
