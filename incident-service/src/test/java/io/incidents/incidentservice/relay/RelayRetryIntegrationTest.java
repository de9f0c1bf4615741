package io.incidents.incidentservice.relay;

import io.incidents.incidentservice.CommandApi;
import io.incidents.incidentservice.FlakyKafka;
import io.incidents.incidentservice.InjectedFaults;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker that refuses records for a while must delay the relay, never make it skip an event. */
@IntegrationTest
@Import(InjectedFaults.class)
class RelayRetryIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    FlakyKafka.Template kafka;

    @Test
    void aFailedPublishIsRetriedUntilItSucceedsAndNothingIsSkipped() {
        CommandApi api = new CommandApi(rest);
        kafka.failing.set(true);
        String id = api.declare("Payments timing out", "SEV1", "payments");
        api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.refused.get() >= 2);
        assertThat(TopicReader.read("incident-events", record -> id.equals(record.key()), 1, Duration.ofSeconds(1))).isEmpty();

        kafka.failing.set(false);
        List<ConsumerRecord<String, String>> records = TopicReader.read("incident-events",
                record -> id.equals(record.key()), 2, Duration.ofSeconds(90));

        assertThat(records).extracting(record -> header(record, "ce_type"))
                .containsExactly("incident.IncidentDeclared.v1", "incident.IncidentAcknowledged.v1");
    }
}
