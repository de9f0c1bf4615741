package io.incidents.timelineservice.ledger;

import io.incidents.policy.SlaPolicy;
import io.incidents.support.events.CloudEventRecordParser;
import io.incidents.support.events.PollBatches;
import io.incidents.support.events.StoredEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Applies each poll of {@code incident-events} records in one database transaction. The ledger drops
 * copies it has already applied, so a redelivery after a crash (offset not yet committed)
 * changes nothing, and an event is never lost: the offset only moves once the transaction
 * has committed. While a replay (on any instance) fills its rebuild tables, the event goes there
 * too.
 */
@Component
public class IncidentEventsListener {

    public static final String LISTENER_ID = "incident-events-listener";

    private final EventLedger ledger;
    private final RebuildFence fence;
    /** The tables a replay fills: while it does, each event goes there too (see {@link RebuildFence}). */
    private final EventLedger rebuilding;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Counter applied;
    private final Counter duplicates;

    IncidentEventsListener(EventLedger liveLedger, RebuildFence fence, JdbcTemplate jdbc, SlaPolicy slaPolicy,
                           TransactionTemplate transaction, Clock clock, MeterRegistry meterRegistry) {
        this.ledger = liveLedger;
        this.fence = fence;
        this.rebuilding = new EventLedger(jdbc, LedgerTables.REBUILD, slaPolicy);
        this.transaction = transaction;
        this.clock = clock;
        this.applied = Counter.builder("timeline.events.applied").description("Events applied to the read models")
                .register(meterRegistry);
        this.duplicates = Counter.builder("timeline.events.duplicates").description("Event copies dropped as already applied")
                .register(meterRegistry);
    }

    // The consumer group is spring.kafka.consumer.group-id, not the listener's id.
    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${incidents.timeline.topic:incident-events}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        PollBatches.apply(records, this::applyTogether);
    }

    /** One record, as consumed: also what re-driving a dead letter does with it. */
    public void process(ConsumerRecord<String, String> record) {
        applyTogether(List.of(record));
    }

    /**
     * A poll's records in one transaction: a few statements for all of them, and the fence asked
     * once. Every record is parsed before anything is written, so an unreadable one fails the
     * batch, not half of it.
     */
    private void applyTogether(List<ConsumerRecord<String, String>> records) {
        List<StoredEvent> events = records.stream().map(CloudEventRecordParser::parse).toList();
        EventLedger.Applied outcome = transaction.execute(status -> {
            Instant now = clock.instant();
            // First, before writing anything: a swap under way is waited for, not deadlocked with.
            boolean alsoRebuild = fence.rebuildingNow(now);
            EventLedger.Applied result = ledger.applyAll(events, now);
            if (alsoRebuild) {
                rebuilding.applyAll(events, now);
            }
            result.changedIncidents().forEach(ledger::announceChange);
            return result;
        });
        applied.increment(outcome.applied());
        duplicates.increment(outcome.duplicates());
    }
}
