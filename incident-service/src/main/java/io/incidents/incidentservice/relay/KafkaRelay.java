package io.incidents.incidentservice.relay;

import io.incidents.events.IncidentEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka, in event-store order (one thread, one segment), and
 * waits for the broker's acknowledgement before the processor's token moves on. A failed send
 * throws, the processor rolls its token back and retries with backoff: an event is never
 * skipped. A crash between send and token update re-sends it; consumers drop the duplicate
 * by {@code ce_id}.
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";

    private final KafkaTemplate<String, String> kafkaTemplate;
    private final RelayProperties properties;
    private final Counter relayed;

    KafkaRelay(KafkaTemplate<String, String> kafkaTemplate, RelayProperties properties, MeterRegistry meterRegistry) {
        this.kafkaTemplate = kafkaTemplate;
        this.properties = properties;
        this.relayed = Counter.builder("incident.relay.events")
                .description("Events published to Kafka by the relay")
                .tag("topic", properties.topic())
                .register(meterRegistry);
    }

    @EventHandler
    void relay(IncidentEvent event, DomainEventMessage<?> message)
            throws ExecutionException, InterruptedException, TimeoutException {
        kafkaTemplate.send(CloudEventRecords.toRecord(properties.topic(), properties.source(), message))
                .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        relayed.increment();
    }
}
