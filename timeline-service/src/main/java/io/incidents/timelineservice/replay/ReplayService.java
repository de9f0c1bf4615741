package io.incidents.timelineservice.replay;

import io.incidents.policy.SlaPolicy;
import io.incidents.support.database.DatabaseOwner;
import io.incidents.support.events.CloudEventRecordParser;
import io.incidents.support.events.DeadLetters;
import io.incidents.support.events.Failures;
import io.incidents.support.events.IncidentEventsErrorHandler;
import io.incidents.support.events.PoisonRecordException;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.ledger.EventLedger;
import io.incidents.timelineservice.ledger.IncidentChanges;
import io.incidents.timelineservice.ledger.LedgerTables;
import io.incidents.timelineservice.ledger.NotificationEventsProperties;
import io.incidents.timelineservice.ledger.NotificationRecords;
import io.incidents.timelineservice.ledger.RebuildFence;
import io.incidents.timelineservice.ledger.TimelineProperties;
import io.incidents.timelineservice.notification.StoredNotification;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from the start of {@code incident-events}, and the copies of
 * {@code notification-events} from the start of that topic, into fresh tables while the live
 * ones keep serving, then swaps them in with one transaction. To lose nothing in the
 * hand-over, whichever instance consumes an event while the rebuild tables are being filled
 * applies it to them too ({@link RebuildFence}), and the swap waits for every consumer
 * transaction under way; whatever reaches the rebuild tables twice is a duplicate and dropped.
 * One replay at a time across instances.
 *
 * <p>The tables are created, analysed, renamed and dropped as the schema's owner
 * ({@link DatabaseOwner}; the runtime role may not), the rows written as the runtime role, which
 * may use the new tables through the owner's default privileges (service-support's grant script).
 */
@Service
public class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(5);
    private static final int OUTAGE_ATTEMPTS = 5;
    /** Swap attempts, each waiting at most swap-lock-timeout per lock, before the replay fails (the live tables untouched). */
    private static final int SWAP_ATTEMPTS = 60;
    /** Between swap attempts: the readers queued behind the one that gave up get through. */
    private static final Duration SWAP_PAUSE = Duration.ofSeconds(1);
    /** PostgreSQL's lock_not_available: a lock not granted within lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    /** The schema owner's connections and transactions, for the DDL; the same as above with one role. */
    private final JdbcTemplate schemaOwnerJdbc;
    private final TransactionTemplate schemaOwnerTransaction;
    /** The fence on the owner's connections: the swap takes its lock in the owner's transaction. */
    private final RebuildFence schemaOwnerFence;
    /** The service's own consumer settings (servers, security), which the replay's consumer starts from. */
    private final Map<String, Object> kafkaConsumerSettings;
    private final TimelineProperties properties;
    private final NotificationEventsProperties notificationProperties;
    private final SlaPolicy slaPolicy;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private final RebuildFence fence;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "replay"));
    private volatile boolean stopping;
    /** What runs between the last record read and the swap: nothing, except in a test that acts as another instance there. */
    volatile Runnable beforeSwap = () -> { };
    private final AtomicReference<Progress> current = new AtomicReference<>();

    ReplayService(JdbcTemplate jdbc, TransactionTemplate transaction, DatabaseOwner databaseOwner, ConsumerFactory<?, ?> consumerFactory,
                  TimelineProperties properties, NotificationEventsProperties notificationProperties, SlaPolicy slaPolicy,
                  Clock clock, DeadLetters deadLetters, RebuildFence fence, MeterRegistry meterRegistry) {
        this.notificationProperties = notificationProperties;
        this.deadLetters = deadLetters;
        this.fence = fence;
        this.jdbc = jdbc;
        this.transaction = transaction;
        if (databaseOwner.separate()) {
            this.schemaOwnerJdbc = new JdbcTemplate(databaseOwner.dataSource());
            this.schemaOwnerTransaction = new TransactionTemplate(new DataSourceTransactionManager(databaseOwner.dataSource()));
            this.schemaOwnerFence = fence.through(schemaOwnerJdbc);
        } else {
            this.schemaOwnerJdbc = jdbc;
            this.schemaOwnerTransaction = transaction;
            this.schemaOwnerFence = fence;
        }
        this.kafkaConsumerSettings = Map.copyOf(consumerFactory.getConfigurationProperties());
        this.properties = properties;
        this.slaPolicy = slaPolicy;
        this.clock = clock;
        Gauge.builder("timeline.replay.events.done", () -> status().eventsDone())
                .description("Events applied by the current or last replay").register(meterRegistry);
        Gauge.builder("timeline.replay.running", () -> status().state() == ReplayStatus.State.RUNNING ? 1 : 0)
                .description("1 while a replay runs").register(meterRegistry);
    }

    /** Starts a replay in the background; refused while one runs, here or on another instance. */
    public synchronized ReplayStatus start() {
        Progress running = current.get();
        if (running != null && running.state == ReplayStatus.State.RUNNING) {
            throw new ReplayAlreadyRunningException();
        }
        String owner = "replay-" + UUID.randomUUID();
        if (!fence.claim(owner, clock.instant())) {
            throw new ReplayAlreadyRunningException();
        }
        Progress progress = new Progress(clock.instant());
        current.set(progress);
        worker.submit(() -> run(progress, owner));
        return progress.snapshot(clock.instant());
    }

    /**
     * At shutdown a replay under way is stopped (its rebuild tables are left, the live ones are
     * untouched, and the other instances stop filling them): it can be started again.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        worker.shutdownNow();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("The replay did not stop within 10 s of the shutdown");
        }
    }

    public ReplayStatus status() {
        Progress progress = current.get();
        return progress == null ? ReplayStatus.idle() : progress.snapshot(clock.instant());
    }

    /**
     * Claims the replay (one at a time across instances), creates the rebuild tables, has every
     * instance's consumer fill them too from then on, reads both topics from their start to the end
     * offsets seen after that, and swaps the tables in. Events past those offsets were applied to
     * the rebuild tables by whichever instance consumed them, so nothing is lost and no listener
     * needs pausing. A {@code notification-events} not created yet has nothing to read.
     */
    private void run(Progress progress, String owner) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            createRebuildTables();
            fence.startRebuilding(owner, clock.instant());
            EventLedger rebuild = new EventLedger(jdbc, LedgerTables.REBUILD, slaPolicy);
            List<TopicPartition> partitions = Stream.of(properties.topic(), notificationProperties.topic())
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            progress.total = end.entrySet().stream().mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
            log.info("Replay started: {} records on {} partitions of {} and {}", progress.total, partitions.size(),
                    properties.topic(), notificationProperties.topic());
            consumeUntil(consumer, end, rebuild, progress, owner);
            // Swapped in with statistics, so the first queries on them are planned for their size.
            LedgerTables.REBUILD.all().forEach(table -> schemaOwnerJdbc.execute("ANALYZE " + table));
            beforeSwap.run();
            swapTables(owner);
            progress.finish(ReplayStatus.State.COMPLETED, null, clock.instant());
            log.info("Replay completed: {} events applied, {} skipped as unreadable or failing, read models swapped in",
                    progress.done, progress.skipped);
        } catch (Exception e) {
            if (stopping) {
                log.info("Replay stopped by the service's shutdown; the live read models are untouched");
                progress.finish(ReplayStatus.State.FAILED, "stopped by the service's shutdown", clock.instant());
            } else {
                log.error("Replay failed; the live read models are untouched", e);
                progress.finish(ReplayStatus.State.FAILED, String.valueOf(e.getMessage()), clock.instant());
            }
        } finally {
            fence.release(owner);
        }
    }

    private void consumeUntil(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, EventLedger rebuild,
                              Progress progress, String owner) {
        Instant lastLog = clock.instant();
        while (!reached(consumer, end)) {
            fence.heartbeat(owner, clock.instant());
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            List<ConsumerRecord<String, String>> notifications = new ArrayList<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                // Past this pass's end: the next pass or the live listener takes it.
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    (record.topic().equals(notificationProperties.topic()) ? notifications : batch).add(record);
                }
            }
            applyBatch(batch, ReplayService::readable, events -> rebuild.applyAll(events, clock.instant()), progress);
            applyBatch(notifications, ReplayService::readableNotification, rebuild::applyNotifications, progress);
            if (Duration.between(lastLog, clock.instant()).compareTo(PROGRESS_LOG_INTERVAL) >= 0) {
                lastLog = clock.instant();
                ReplayStatus status = progress.snapshot(lastLog);
                log.info("Replay: {} of {} events, {} events/s, about {} s left", status.eventsDone(), status.eventsTotal(),
                        Math.round(status.eventsPerSecond()), status.secondsLeft());
            }
        }
        // Records fetched past the end were skipped above; rewind so the next pass reads them.
        end.forEach(consumer::seek);
    }

    /**
     * A poll's records in one transaction. If one of them fails on its own account (not an
     * outage, which fails the replay and leaves the live read models untouched), they are applied
     * again one by one, each in its own transaction, and those that fail are recorded in the dead
     * letters and skipped: one bad record must not make the read models impossible to rebuild.
     */
    private <E> void applyBatch(List<ConsumerRecord<String, String>> batch, Function<ConsumerRecord<String, String>, E> readable,
                                Consumer<List<E>> apply, Progress progress) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                applyBatchOnce(batch, readable, apply, progress);
                return;
            } catch (RuntimeException outage) {
                // A deadlock with a consumer filling the same incidents, a blip: tried again a few times.
                if (attempt == OUTAGE_ATTEMPTS) {
                    throw outage;
                }
                log.warn("Replay batch failed ({}), trying again", outage.toString());
                sleep(Duration.ofMillis(200L * attempt));
            }
        }
    }

    private <E> void applyBatchOnce(List<ConsumerRecord<String, String>> batch, Function<ConsumerRecord<String, String>, E> read,
                                    Consumer<List<E>> apply, Progress progress) {
        try {
            List<E> readable = batch.stream().map(read).filter(Objects::nonNull).toList();
            transaction.executeWithoutResult(status -> apply.accept(readable));
            progress.done += readable.size();
            progress.skipped += batch.size() - readable.size();
        } catch (RuntimeException batchFailure) {
            // An outage, or a grant the runtime role lacks on the rebuild tables (Failures counts
            // that as an outage too): the replay fails and leaves the live tables as they are,
            // rather than skip every record and swap in empty tables.
            if (Failures.isOutage(batchFailure)) {
                throw batchFailure;
            }
            for (ConsumerRecord<String, String> record : batch) {
                try {
                    E event = read.apply(record);
                    if (event == null) {
                        progress.skipped++;
                        continue;
                    }
                    transaction.executeWithoutResult(status -> apply.accept(List.of(event)));
                    progress.done++;
                } catch (RuntimeException failure) {
                    if (Failures.isOutage(failure)) {
                        throw failure;
                    }
                    log.warn("Replay skips record {}-{}@{}, which fails on its own account: {}", record.topic(),
                            record.partition(), record.offset(), IncidentEventsErrorHandler.reason(failure));
                    deadLetters.record(record, failure);
                    progress.skipped++;
                }
            }
        }
    }

    /** The record's event; null for an unreadable record, which is skipped (the live consumer parked it too). */
    private static StoredEvent readable(ConsumerRecord<String, String> record) {
        try {
            return CloudEventRecordParser.parse(record);
        } catch (PoisonRecordException e) {
            log.warn("Replay skips unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The record's notification event; null for one the live consumer skips (another source, an
     * unknown type) or parked (unreadable), which is skipped here too.
     */
    private static StoredNotification readableNotification(ConsumerRecord<String, String> record) {
        try {
            NotificationRecords.Read read = NotificationRecords.read(record);
            if (read.event() == null) {
                log.warn("Replay skips record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), read.detail());
            }
            return read.event();
        } catch (PoisonRecordException e) {
            log.warn("Replay skips unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    private static boolean hasSqlState(Throwable failure, String state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * As the owner. LIKE copies no privileges: the runtime role, which fills these tables (the
     * replay's rows and every consumer's while it runs), gets its rights from the owner's default
     * privileges on new tables.
     */
    private void createRebuildTables() {
        schemaOwnerTransaction.executeWithoutResult(status -> {
            for (String[] pair : tablePairs()) {
                schemaOwnerJdbc.execute("DROP TABLE IF EXISTS " + pair[1]);
                schemaOwnerJdbc.execute("CREATE TABLE " + pair[1] + " (LIKE " + pair[0] + " INCLUDING ALL)");
            }
        });
    }

    /**
     * Swaps the tables in, trying again while a lock it needs is held longer than
     * swap-lock-timeout (a long read of the live tables): each attempt lets go, so whoever queued
     * behind it gets through, and the replay stays claimed meanwhile.
     */
    private void swapTables(String owner) {
        for (int attempt = 1; ; attempt++) {
            try {
                swapTablesOnce();
                return;
            } catch (RuntimeException e) {
                if (!hasSqlState(e, LOCK_NOT_AVAILABLE) || attempt == SWAP_ATTEMPTS || stopping) {
                    throw e;
                }
                log.warn("The table swap waited {} for a lock on the read models (attempt {} of {}); trying again",
                        properties.swapLockTimeout(), attempt, SWAP_ATTEMPTS);
                fence.heartbeat(owner, clock.instant());
                sleep(SWAP_PAUSE);
            }
        }
    }

    /**
     * Readers see either all old tables or all new ones: renames in one transaction, once every
     * consumer transaction under way (on any instance) has committed; new ones wait for it. All
     * of it in the owner's one transaction, on one connection: the fence's lock and flag too.
     */
    private void swapTablesOnce() {
        schemaOwnerTransaction.executeWithoutResult(status -> {
            // Every lock below (the consumers' fence, the tables) is waited for this long at most.
            schemaOwnerJdbc.execute("SET LOCAL lock_timeout = " + properties.swapLockTimeout().toMillis());
            schemaOwnerFence.awaitConsumersBeforeSwap();
            schemaOwnerFence.stopRebuilding();
            for (String[] pair : tablePairs()) {
                schemaOwnerJdbc.execute("ALTER TABLE " + pair[0] + " RENAME TO " + pair[0] + "_retired");
                schemaOwnerJdbc.execute("ALTER TABLE " + pair[1] + " RENAME TO " + pair[0]);
                schemaOwnerJdbc.execute("DROP TABLE " + pair[0] + "_retired");
            }
            IncidentChanges.announce(schemaOwnerJdbc, IncidentChanges.EVERYTHING);
        });
    }

    /** Each live table with its rebuild table. */
    private static List<String[]> tablePairs() {
        List<String> live = LedgerTables.LIVE.all();
        List<String> rebuild = LedgerTables.REBUILD.all();
        return IntStream.range(0, live.size()).mapToObj(i -> new String[]{live.get(i), rebuild.get(i)}).toList();
    }

    /**
     * The listeners' consumer settings as the service's consumer factory holds them, so whatever
     * reaches those (servers, {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} or an SSL
     * bundle, SASL in {@code spring.kafka.properties.*}) reaches the replay too; then what differs.
     */
    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConsumerSettings);
        // No group: a replay never moves the live offsets (and needs no group ACL, only Read on the topics).
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        // A topic not created yet is read as empty, never created with the broker's defaults.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    /** Mutable progress of one replay, written by the replay thread, read by status requests. */
    private static final class Progress {
        private final Instant startedAt;
        private volatile ReplayStatus.State state = ReplayStatus.State.RUNNING;
        private volatile long total;
        private volatile long done;
        private volatile long skipped;
        private volatile Instant finishedAt;
        private volatile String error;

        Progress(Instant startedAt) {
            this.startedAt = startedAt;
        }

        void finish(ReplayStatus.State state, String error, Instant at) {
            this.error = error;
            this.finishedAt = at;
            this.state = state;
        }

        ReplayStatus snapshot(Instant now) {
            Instant until = finishedAt == null ? now : finishedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, until).toMillis() / 1000.0);
            double rate = Math.round(done / seconds * 10) / 10.0;
            Long left = state != ReplayStatus.State.RUNNING ? Long.valueOf(0)
                    : rate > 0 ? Long.valueOf(Math.round(Math.max(0, total - done - skipped) / rate)) : null;
            return new ReplayStatus(state, done, skipped, total, rate, left, startedAt, finishedAt, error);
        }
    }
}
