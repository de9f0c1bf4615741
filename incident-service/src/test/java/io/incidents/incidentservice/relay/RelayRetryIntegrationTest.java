package io.incidents.incidentservice.relay;

import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker that refuses records for a while must delay the relay, never make it skip an event. */
@IntegrationTest
@Import(RelayRetryIntegrationTest.FlakyKafka.class)
class RelayRetryIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    FlakyKafkaTemplate kafka;

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

    @TestConfiguration
    static class FlakyKafka {
        @Bean
        @Primary
        FlakyKafkaTemplate flakyKafkaTemplate(ProducerFactory<String, String> producerFactory) {
            return new FlakyKafkaTemplate(producerFactory);
        }
    }

    static class FlakyKafkaTemplate extends KafkaTemplate<String, String> {
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();

        FlakyKafkaTemplate(ProducerFactory<String, String> producerFactory) {
            super(producerFactory);
        }

        @Override
        public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
            if (failing.get()) {
                refused.incrementAndGet();
                return CompletableFuture.failedFuture(new KafkaException("broker unavailable (injected)"));
            }
            return super.send(record);
        }
    }
}
