package io.incidents.incidentservice.relay;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka, in event-store order (one thread, one segment). The
 * events of one processor batch are sent without waiting for each other (the idempotent producer
 * keeps their order per partition), and the batch waits for every acknowledgement before the
 * processor's token moves on: a failed or unconfirmed send throws, the processor rolls its token
 * back and retries the batch with backoff, so an event is never skipped. What was sent before the
 * failure, or before a crash between send and token update, is sent again; consumers drop the
 * copy by {@code ce_id}.
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";
    private static final String SENDS = KafkaRelay.class.getName() + ".sends";

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
    void relay(IncidentEvent event, DomainEventMessage<?> message) {
        CompletableFuture<?> sent = kafkaTemplate.send(CloudEventRecords.toRecord(properties.topic(), properties.source(), message));
        if (!CurrentUnitOfWork.isStarted()) {
            awaitAll(List.of(sent));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<CompletableFuture<?>> sends = batch.getOrComputeResource(SENDS, key -> {
            List<CompletableFuture<?>> futures = new ArrayList<>();
            // Before the transaction that stores the token commits: a failure here rolls it back.
            batch.onPrepareCommit(unitOfWork -> awaitAll(futures));
            return futures;
        });
        sends.add(sent);
    }

    private void awaitAll(List<CompletableFuture<?>> sends) {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RelayFailedException("interrupted while waiting for the broker", e);
            } catch (ExecutionException e) {
                throw new RelayFailedException("the broker refused an event: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new RelayFailedException("the broker did not confirm an event within " + properties.sendTimeout(), e);
            }
        }
        relayed.increment(sends.size());
    }

    /** A batch not confirmed by the broker: the processor retries it from its last token. */
    static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
