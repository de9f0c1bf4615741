package io.incidents.incidentservice.relay;

import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class RelayRestartIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meterRegistry;

    @Test
    void eventsStoredWhileTheRelayIsStoppedArePublishedOnceAfterItRestarts() {
        CommandApi api = new CommandApi(rest);
        String before = api.declare("Before the stop", "SEV3", "search");
        await().atMost(Duration.ofSeconds(30)).until(() -> relayLag() == 0);

        StreamingEventProcessor relay = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        relay.shutDown();
        String during = api.declare("While the relay is stopped", "SEV2", "search");
        api.post("/api/v1/incidents/" + during + "/acknowledge", Map.of());
        api.post("/api/v1/incidents/" + before + "/acknowledge", Map.of());
        assertThat(relayLag()).isEqualTo(3);
        relay.start();

        Set<String> incidents = Set.of(before, during);
        List<String> storedIds = jdbc.queryForList("SELECT event_identifier FROM domain_event_entry "
                + "WHERE aggregate_identifier IN (?, ?) ORDER BY global_index", String.class, before, during);
        assertThat(storedIds).hasSize(4);
        List<ConsumerRecord<String, String>> records = TopicReader.read("incident-events",
                record -> incidents.contains(record.key()), storedIds.size(), Duration.ofSeconds(30));

        Map<String, ConsumerRecord<String, String>> deduplicated = new LinkedHashMap<>();
        records.forEach(record -> deduplicated.putIfAbsent(header(record, "ce_id"), record));
        assertThat(deduplicated.keySet()).containsExactlyInAnyOrderElementsOf(storedIds);
        for (String incident : incidents) {
            assertThat(deduplicated.values().stream().filter(r -> r.key().equals(incident)).map(r -> header(r, "ce_sequence")))
                    .containsExactly("0", "1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> relayLag() == 0);
        assertThat(meterRegistry.get("incident.relay.events").counter().count()).isGreaterThanOrEqualTo(4);
    }

    private double relayLag() {
        return meterRegistry.get("incident.relay.lag").gauge().value();
    }
}
