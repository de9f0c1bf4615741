package io.incidents.notificationservice.incident;

import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A record notification-service cannot process is parked with its headers, and can be re-driven. */
@IntegrationTest
@TestPropertySource(properties = "notifications.topic=it-notification-dead-letters")
class DeadLetterRedriveIntegrationTest {

    private static final EventFeed feed = new EventFeed("it-notification-dead-letters");

    @Autowired
    TestRestTemplate rest;

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Test
    void aParkedRecordKeepsItsHeadersAndIsReDrivenThroughTheSameProcessing() {
        String broken = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", ("poison-" + broken).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "incident.IncidentDeclared.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_sequence", "0".getBytes(StandardCharsets.UTF_8));
        feed.send(new ProducerRecord<>("it-notification-dead-letters", null, broken, "{not json", headers));

        await().atMost(Duration.ofSeconds(30)).until(() -> parked(broken) != null);
        long id = ((Number) parked(broken).get("id")).longValue();

        ResponseEntity<Map> stillBroken = TestLogins.ADMIN.on(rest)
                .postForEntity("/api/v1/admin/dead-letters/" + id + "/redrive", null, Map.class);
        assertThat(stillBroken.getStatusCode().value()).isEqualTo(422);
        assertThat((String) stillBroken.getBody().get("detail")).contains("still fails")
                .as("the headers came back with it: the type is named").contains("incident.IncidentDeclared.v1");
        assertThat(TestLogins.ADMIN.on(rest).postForEntity("/api/v1/admin/dead-letters/999999999/redrive", null, Map.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(TestLogins.VIEWER.on(rest).postForEntity("/api/v1/admin/dead-letters/" + id + "/redrive", null, Map.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    private Map<String, Object> parked(String key) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) TestLogins.ADMIN.on(rest)
                .getForEntity("/api/v1/admin/dead-letters", Map.class).getBody().get("items");
        return items.stream().filter(item -> key.equals(item.get("key"))).findFirst().orElse(null);
    }
}
