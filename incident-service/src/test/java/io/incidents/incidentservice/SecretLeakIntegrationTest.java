package io.incidents.incidentservice;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.SecretLeakContract;
import io.incidents.testsupport.TestLogins;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Integration keys, configured and created, used the ways senders use them (header, body, Grafana's query string) and wrongly. */
@IntegrationTest
class SecretLeakIntegrationTest extends SecretLeakContract {

    private static final String PAGERDUTY_KEY = "pd-key-0123456789abcdef0123456789";
    private String createdKey;

    @Override
    protected List<String> serviceSecrets() {
        return List.of(PAGERDUTY_KEY, "native-key", "grafana-key", createdKey);
    }

    @Override
    protected void useTheSecrets() throws IOException {
        String dedupKey = "leak-" + UUID.randomUUID();
        assertThat(post("/v2/enqueue", fixture("pagerduty-trigger.json").replace("DEDUP_KEY", dedupKey), null).getStatusCode().value())
                .isEqualTo(202);
        assertThat(post("/v2/enqueue", fixture("pagerduty-trigger.json").replace(PAGERDUTY_KEY, PAGERDUTY_KEY + "-wrong"), null)
                .getStatusCode().value()).isEqualTo(400);
        String nativeAlert = "{\"dedupKey\":\"" + dedupKey + "\",\"summary\":\"Queue backlog\",\"source\":\"test\","
                + "\"severity\":\"warning\",\"status\":\"firing\"}";
        assertThat(post("/api/v1/alerts", nativeAlert, "native-key").getStatusCode().value()).isEqualTo(202);
        assertThat(post("/api/v1/alerts", nativeAlert, "native-key-wrong").getStatusCode().value()).isEqualTo(401);
        assertThat(post("/api/v1/alerts?key=native-key", nativeAlert, null).getStatusCode().value()).isEqualTo(401);
        assertThat(post("/api/v1/integrations/grafana?key=grafana-key", fixture("grafana.json"), null).getStatusCode().value())
                .isEqualTo(202);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> created = TestLogins.ADMIN.on(rest).postForEntity("/api/v1/admin/integrations", new HttpEntity<>(
                "{\"name\":\"leak-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"defaultService\":\"payments\"}", headers), Map.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        createdKey = (String) created.getBody().get("key");
        assertThat(post("/api/v1/alerts", nativeAlert.replace(dedupKey, dedupKey + "-created"), createdKey).getStatusCode().value())
                .isEqualTo(202);
    }

    private ResponseEntity<String> post(String path, String body, String bearer) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (bearer != null) {
            headers.setBearerAuth(bearer);
        }
        return rest.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private static String fixture(String name) throws IOException {
        return new ClassPathResource("alerts/" + name).getContentAsString(StandardCharsets.UTF_8);
    }
}
