package io.incidents.incidentservice.relay;

import io.incidents.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes what the relay has not of one aggregate, as the relay would have (the same record,
 * key, headers and {@code ce_id}), and corrects its record. All in one transaction that holds the
 * aggregate's record locked: the relay, which would add to it, waits, so the record, the relay's
 * committed token and the event store agree while the repair decides.
 */
@Component
class AggregateRepair {

    private static final Logger log = LoggerFactory.getLogger(AggregateRepair.class);

    private final RelayProgress progress;
    private final RelayTokens relayTokens;
    private final StoredPositions stored;
    private final EventStore eventStore;
    private final KafkaTemplate<String, String> kafkaTemplate;
    private final RelayProperties properties;
    private final TransactionTemplate transaction;
    private final Counter republished;

    AggregateRepair(RelayProgress progress, RelayTokens relayTokens, StoredPositions stored, EventStore eventStore,
                    KafkaTemplate<String, String> kafkaTemplate, RelayProperties properties, TransactionTemplate transaction,
                    MeterRegistry meterRegistry) {
        this.progress = progress;
        this.relayTokens = relayTokens;
        this.stored = stored;
        this.eventStore = eventStore;
        this.kafkaTemplate = kafkaTemplate;
        this.properties = properties;
        this.transaction = transaction;
        this.republished = Counter.builder("incident.relay.republished")
                .description("Events the relay had not published, published by the reconciler")
                .tag("topic", properties.topic())
                .register(meterRegistry);
    }

    /**
     * @param unrecordedThrough events at or below this position were published before records were kept
     * @return how many events were published again
     */
    int repair(String aggregate, long unrecordedThrough) {
        Integer sent = transaction.execute(status -> repairLocked(aggregate, unrecordedThrough));
        return sent == null ? 0 : sent;
    }

    private int repairLocked(String aggregate, long unrecordedThrough) {
        PublishedRecord recorded = progress.lock(aggregate);
        // Read after the lock: a relay batch with an event of this aggregate has either committed
        // (its token and its record) or waits for this transaction.
        RelayPosition relay = relayTokens.committed().orElse(RelayTokens.START);
        List<StoredPositions.StoredPosition> events = stored.of(aggregate);
        List<Long> passed = events.stream().filter(event -> relay.passed(event.position()))
                .map(StoredPositions.StoredPosition::sequence).toList();
        RepairPlan plan = RepairPlan.of(recorded, passed, positionBefore(recorded, events), unrecordedThrough);
        if (!plan.republish().isEmpty()) {
            publish(aggregate, plan.republish());
        }
        if (!plan.corrected().equals(recorded)) {
            progress.write(aggregate, plan.corrected());
        }
        return plan.republish().size();
    }

    private static OptionalLong positionBefore(PublishedRecord recorded, List<StoredPositions.StoredPosition> events) {
        if (recorded.firstSequence() <= 0) {
            return OptionalLong.empty();
        }
        return events.stream().filter(event -> event.sequence() == recorded.firstSequence() - 1)
                .mapToLong(StoredPositions.StoredPosition::position).findFirst();
    }

    private void publish(String aggregate, List<Long> sequences) {
        Set<Long> wanted = new HashSet<>(sequences);
        List<? extends DomainEventMessage<?>> messages = eventStore.readEvents(aggregate, sequences.get(0)).asStream()
                .filter(message -> wanted.contains(message.getSequenceNumber()))
                .toList();
        List<CompletableFuture<?>> sends = messages.stream()
                .<CompletableFuture<?>>map(message -> kafkaTemplate.send(
                        CloudEventRecords.toRecord(properties.topic(), EventTypes.SOURCE, message)))
                .toList();
        BrokerAcknowledgements.await(sends, properties.sendTimeout());
        republished.increment(messages.size());
        log.warn("Published {} event(s) of aggregate {} that the relay had not published (sequence numbers {});"
                + " consumers that have them already drop the copies", messages.size(), aggregate, sequences);
    }
}
