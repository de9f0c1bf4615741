package io.incidents.timelineservice.ledger;

import io.incidents.policy.SlaPolicy;
import io.incidents.support.events.PollBatches;
import io.incidents.timelineservice.notification.StoredNotification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a copy of each {@code notification-events} record, once (by {@code ce_id}), with the
 * house rules of {@link IncidentEventsListener}: a poll in one transaction, the offsets committed
 * after it, a record failing on its own account retried, then parked on {@code notification-events.DLT}
 * and in {@code dead_letter}, an outage waited out. A record from another source or of a type this
 * version does not know is skipped with a warning and counted ({@code timeline.notifications.skipped}).
 * While a replay fills its rebuild tables, each event goes there too.
 */
@Component
public class NotificationEventsListener {

    public static final String LISTENER_ID = "notification-events-listener";
    private static final Logger log = LoggerFactory.getLogger(NotificationEventsListener.class);

    private final EventLedger ledger;
    private final EventLedger rebuilding;
    private final RebuildFence fence;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final NotificationEventsProperties properties;
    private final Counter applied;
    private final Counter duplicates;
    private final Map<NotificationRecords.Skip, Counter> skipped = new EnumMap<>(NotificationRecords.Skip.class);

    NotificationEventsListener(EventLedger liveLedger, RebuildFence fence, JdbcTemplate jdbc, SlaPolicy slaPolicy,
                               TransactionTemplate transaction, Clock clock, NotificationEventsProperties properties,
                               MeterRegistry meterRegistry) {
        this.ledger = liveLedger;
        this.rebuilding = new EventLedger(jdbc, LedgerTables.REBUILD, slaPolicy);
        this.fence = fence;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
        this.applied = Counter.builder("timeline.notifications.applied")
                .description("Notification events stored").register(meterRegistry);
        this.duplicates = Counter.builder("timeline.notifications.duplicates")
                .description("Notification event copies dropped as already stored").register(meterRegistry);
        for (NotificationRecords.Skip reason : NotificationRecords.Skip.values()) {
            skipped.put(reason, Counter.builder("timeline.notifications.skipped").tag("reason", reason.name().toLowerCase())
                    .description("notification-events records skipped: another source, or a type this version does not know")
                    .register(meterRegistry));
        }
    }

    // Its own container factory (its dead-letter topic) and consumer group. No auto-creation: the
    // topic is created as declared (NotificationEventsConfiguration), never with a broker's defaults.
    @KafkaListener(id = LISTENER_ID, idIsGroup = false, containerFactory = NotificationEventsConfiguration.CONTAINER_FACTORY,
            groupId = "${incidents.timeline.notifications.group-id:timeline-service-notifications}",
            topics = "${incidents.timeline.notifications.topic:notification-events}", batch = "true",
            properties = "allow.auto.create.topics=false")
    void on(List<ConsumerRecord<String, String>> records) {
        PollBatches.apply(records, this::applyTogether);
    }

    /** One record, as consumed: also what re-driving a dead letter of this topic does with it. */
    public void process(ConsumerRecord<String, String> record) {
        applyTogether(List.of(record));
    }

    /** Whether a record (a dead letter, say) came from the topic this listener reads. */
    public boolean reads(String topic) {
        return properties.topic().equals(topic);
    }

    private void applyTogether(List<ConsumerRecord<String, String>> records) {
        List<StoredNotification> events = new ArrayList<>();
        List<ConsumerRecord<String, String>> skippedRecords = new ArrayList<>();
        List<NotificationRecords.Read> skips = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            NotificationRecords.Read read = NotificationRecords.read(record);
            if (read.event() != null) {
                events.add(read.event());
            } else {
                skippedRecords.add(record);
                skips.add(read);
            }
        }
        EventLedger.Applied outcome = transaction.execute(status -> {
            // First, before writing anything: a swap under way is waited for, not deadlocked with.
            boolean alsoRebuild = fence.rebuildingNow(clock.instant());
            EventLedger.Applied result = ledger.applyNotifications(events);
            if (alsoRebuild) {
                rebuilding.applyNotifications(events);
            }
            result.changedIncidents().forEach(ledger::announceChange);
            return result;
        });
        applied.increment(outcome.applied());
        duplicates.increment(outcome.duplicates());
        for (int i = 0; i < skips.size(); i++) {
            ConsumerRecord<String, String> record = skippedRecords.get(i);
            log.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), skips.get(i).detail());
            skipped.get(skips.get(i).skip()).increment();
        }
    }
}
