package io.incidents.notificationservice.intake;

import io.incidents.events.CloudEventHeaders;
import io.incidents.support.events.CloudEventRecordParser;
import io.incidents.support.events.PollBatches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads {@code incident-events}; a poll's records and the messages they call for are recorded
 * in one transaction, and the offsets move only after it commits (a record that fails on its own
 * is then retried alone, see {@link PollBatches}). {@link #replayFromStart()}
 * reads the whole topic again through the same path, which finds nothing new to send.
 * Events of incidents imported from the past ({@code ce_imported: true}) are passed over: nobody
 * is paged, mailed or told on the status page about what ended long ago.
 */
@Component
public class IncidentEventsListener extends AbstractConsumerSeekAware {

    private final NotificationIntake intake;
    private final TransactionTemplate transaction;
    private final Counter events;
    private final Counter duplicates;
    private final Counter imported;

    IncidentEventsListener(NotificationIntake intake, TransactionTemplate transaction, MeterRegistry meterRegistry) {
        this.intake = intake;
        this.transaction = transaction;
        this.events = Counter.builder("notifications.events.received").description("Incident events read")
                .register(meterRegistry);
        this.duplicates = Counter.builder("notifications.events.duplicates")
                .description("Incident events seen before (nothing sent again)").register(meterRegistry);
        this.imported = Counter.builder("notifications.events.imported")
                .description("Events of incidents imported from the past (nothing sent)").register(meterRegistry);
    }

    // The consumer group is spring.kafka.consumer.group-id, not the listener's id.
    @KafkaListener(id = "notification-events-listener", idIsGroup = false, topics = "${notifications.topic:incident-events}",
            batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        PollBatches.apply(records, batch -> transaction.executeWithoutResult(status -> batch.forEach(this::process)));
    }

    /** One record, as consumed (in its poll's transaction): also what re-driving a dead letter does with it. */
    public void process(ConsumerRecord<String, String> record) {
        events.increment();
        if (isImported(record)) {
            imported.increment();
            return;
        }
        if (!intake.accept(CloudEventRecordParser.parse(record)).isNew()) {
            duplicates.increment();
        }
    }

    private static boolean isImported(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.IMPORTED);
        return header != null && "true".equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Seeks every assigned partition back to its first record. */
    public void replayFromStart() {
        seekToBeginning();
    }
}
