package io.incidents.incidentservice.relay;

import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes every stored event to Kafka, in event-store order (one thread, one segment). The
 * events of one processor batch are sent without waiting for each other (the idempotent producer
 * keeps their order per partition), and the batch waits for every acknowledgement before the
 * processor's token moves on: a failed or unconfirmed send throws, the processor rolls its token
 * back and retries the batch with backoff, so an event is never skipped. What was sent before the
 * failure, or before a crash between send and token update, is sent again; consumers drop the
 * copy by {@code ce_id}. What the broker confirmed is recorded per aggregate ({@link RelayProgress})
 * in the transaction that stores the token, for the {@link RelayReconciler}.
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";
    private static final String BATCH = KafkaRelay.class.getName() + ".batch";

    private final KafkaTemplate<String, String> kafkaTemplate;
    private final RelayProperties properties;
    private final RelayProgress progress;
    private final Counter relayed;

    KafkaRelay(KafkaTemplate<String, String> kafkaTemplate, RelayProperties properties, RelayProgress progress,
               MeterRegistry meterRegistry) {
        this.kafkaTemplate = kafkaTemplate;
        this.properties = properties;
        this.progress = progress;
        this.relayed = Counter.builder("incident.relay.events")
                .description("Events published to Kafka by the relay")
                .tag("topic", properties.topic())
                .register(meterRegistry);
    }

    @EventHandler
    void relay(IncidentEvent event, DomainEventMessage<?> message) {
        CompletableFuture<?> sent = kafkaTemplate.send(CloudEventRecords.toRecord(properties.topic(), EventTypes.SOURCE, message));
        if (!CurrentUnitOfWork.isStarted()) {
            confirm(new Batch(List.of(sent), List.of(message)));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Batch batch = unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch sends = new Batch(new ArrayList<>(), new ArrayList<>());
            // Before the transaction that stores the token commits: a failure here rolls it back.
            unitOfWork.onPrepareCommit(u -> confirm(sends));
            return sends;
        });
        batch.sends().add(sent);
        batch.events().add(message);
    }

    private void confirm(Batch batch) {
        BrokerAcknowledgements.await(batch.sends(), properties.sendTimeout());
        progress.recordPublished(batch.events());
        relayed.increment(batch.sends().size());
    }

    /** The sends of one processor batch and their events, in order. */
    private record Batch(List<CompletableFuture<?>> sends, List<DomainEventMessage<?>> events) {
    }
}
