package io.incidents.notificationservice.outbox;

import io.incidents.events.notification.NotificationEventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionOperations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.incidents.events.CloudEventHeaders.CONTENT_TYPE;
import static io.incidents.events.CloudEventHeaders.ID;
import static io.incidents.events.CloudEventHeaders.SOURCE;
import static io.incidents.events.CloudEventHeaders.SPEC_VERSION;
import static io.incidents.events.CloudEventHeaders.SUBJECT;
import static io.incidents.events.CloudEventHeaders.TIME;
import static io.incidents.events.CloudEventHeaders.TYPE;

/**
 * Sends the outbox to {@code notification-events}, oldest first, one publisher at a time however
 * many instances share the database (a PostgreSQL advisory lock taken by each batch's
 * transaction): a batch is sent without waiting record by record (the idempotent producer keeps
 * their order per partition, and the key, the incident id, keeps an incident's events on one
 * partition), then the rows the broker acknowledged, in order, are stamped published in the same
 * transaction. What was sent but not stamped (a crash, a send after a failed one) is sent again
 * with the same {@code ce_id}: at least once, and consumers drop the copy. A broker outage is
 * waited out: the rows stay, retried every retry-after-failure, and show as
 * {@code notifications.outbox.pending} and in health.
 * Woken after every commit that appended to the outbox, and polled every poll-interval for what
 * another instance appended or what waited for the broker.
 */
class NotificationEventsPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationEventsPublisher.class);

    /** Hands a record to the producer; the future completes once the broker acknowledged it (or refused it). */
    interface RecordSender {
        CompletableFuture<?> send(ProducerRecord<String, String> record);
    }

    /** The outbox at one moment: what waits, and when that was read. */
    record Snapshot(NotificationEventsOutbox.Backlog backlog, Instant readAt) {

        Duration oldestPendingAge() {
            Instant oldest = backlog.oldestAppendedAt();
            return oldest == null || oldest.isAfter(readAt) ? Duration.ZERO : Duration.between(oldest, readAt);
        }
    }

    private final NotificationEventsOutbox outbox;
    private final RecordSender sender;
    private final TransactionOperations transactions;
    private final NotificationEventsProperties properties;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private volatile ExecutorService thread;
    private volatile boolean running;
    private volatile Snapshot latest;
    private volatile Instant retryAt = Instant.MIN;
    private volatile boolean failing;

    NotificationEventsPublisher(NotificationEventsOutbox outbox, RecordSender sender, TransactionOperations transactions,
                                NotificationEventsProperties properties, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.sender = sender;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("notifications.outbox.published")
                .description("Events published on " + properties.topic() + " (acknowledged by the broker)").register(meters);
        this.failures = Counter.builder("notifications.outbox.failures")
                .description("Batches of events the broker did not take (they stay in the outbox and are sent again)")
                .register(meters);
        Gauge.builder("notifications.outbox.pending", this, p -> p.latest == null ? 0 : p.latest.backlog().pending())
                .description("Events waiting in the outbox to be published on " + properties.topic()).register(meters);
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "notification-events-publisher"));
            running = true;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the Kafka listener containers and the delivery worker, whose last records may
     * still append to the outbox (what is appended after this stays there for the next start or
     * another instance), and before the producer and the database go.
     */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 2;
    }

    /**
     * Lets a batch in flight finish for shutdown-grace, then interrupts it: what the broker had
     * acknowledged by then is stamped, the rest stays to be sent again (same {@code ce_id}). A
     * wake-up still queued does nothing.
     */
    @Override
    public void stop() {
        ExecutorService stopping;
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            stopping = thread;
        }
        stopping.shutdown();
        if (!awaitTermination(stopping, properties.shutdownGrace())) {
            stopping.shutdownNow();
            awaitTermination(stopping, Duration.ofSeconds(2));
        }
    }

    private static boolean awaitTermination(ExecutorService pool, Duration wait) {
        try {
            return pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Events were appended and committed: publish them now rather than at the next poll. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void appended(NotificationEventsAppended appended) {
        wake();
    }

    @Scheduled(fixedDelayString = "${notifications.outbox.poll-interval:1s}")
    void poll() {
        wake();
    }

    /** Published rows are kept a while to look at, then deleted. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void forgetPublished() {
        try {
            int deleted = outbox.forgetPublishedBefore(clock.instant().minus(properties.keepPublished()));
            if (deleted > 0) {
                log.debug("Deleted {} events published more than {} ago from the outbox", deleted, properties.keepPublished());
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete the outbox's published rows; tried again in an hour: {}", e.toString());
        }
    }

    /** One publishing run on the publisher's thread; several wake-ups in a row share one. */
    private void wake() {
        ExecutorService publisher = thread;
        if (running && wakeQueued.compareAndSet(false, true)) {
            try {
                publisher.execute(() -> {
                    wakeQueued.set(false);
                    run();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // stopping: the rows stay for the next start
            }
        }
    }

    private void run() {
        if (!running) {
            return; // stopping
        }
        boolean interrupted = false;
        try {
            if (clock.instant().isBefore(retryAt)) {
                return;
            }
            int sent = publishPending();
            if (failing) {
                failing = false;
                log.info("Publishing on {} works again ({} events sent now)", properties.topic(), sent);
            }
        } catch (RuntimeException e) {
            interrupted = e instanceof PublishFailedException failed && failed.interrupted();
            if (!interrupted) {
                failed(e);
            }
        } finally {
            refreshBacklog();
            if (interrupted) {
                Thread.currentThread().interrupt(); // stopping: the thread ends
            }
        }
    }

    private void failed(RuntimeException e) {
        failures.increment();
        retryAt = clock.instant().plus(properties.retryAfterFailure());
        if (!failing) {
            log.warn("Could not publish on {}; the events stay in the outbox and are sent again every {} until the"
                    + " broker takes them: {}", properties.topic(), properties.retryAfterFailure(), e.toString());
        } else {
            log.debug("Still cannot publish on {}: {}", properties.topic(), e.toString());
        }
        failing = true;
    }

    /**
     * Publishes what waits in the outbox, a batch at a time, until nothing does or another instance
     * holds the publisher's lock; returns how many were published.
     *
     * @throws PublishFailedException when the broker did not take a batch; what it acknowledged
     *                                before that is recorded as published, the rest waits
     */
    int publishPending() {
        int total = 0;
        while (true) {
            Batch batch = transactions.execute(status -> publishBatch());
            total += batch.published();
            if (batch.failure() != null) {
                throw batch.failure();
            }
            if (!batch.full()) {
                return total;
            }
        }
    }

    /** The latest reading of the outbox's backlog, or null before the first one. */
    Snapshot latest() {
        return latest;
    }

    private void refreshBacklog() {
        try {
            latest = new Snapshot(outbox.backlog(), clock.instant());
        } catch (RuntimeException e) {
            // Health and the gauge keep the last reading; the database's own health shows the outage.
            log.debug("Could not read the outbox's backlog: {}", e.toString());
        }
    }

    /** What one batch's transaction did. */
    private record Batch(int published, boolean full, PublishFailedException failure) {

        static final Batch NOTHING = new Batch(0, false, null);
    }

    /** In the transaction that holds the publisher's lock: sends one batch, stamps what the broker acknowledged. */
    private Batch publishBatch() {
        if (!outbox.lockForPublishing()) {
            return Batch.NOTHING; // another instance publishes
        }
        List<OutboxRow> rows = outbox.unpublished(properties.batchSize());
        if (rows.isEmpty()) {
            return Batch.NOTHING;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        PublishFailedException failure = null;
        for (OutboxRow row : rows) {
            try {
                sends.add(sender.send(record(properties.topic(), row)));
            } catch (RuntimeException e) {
                failure = new PublishFailedException("the producer did not take event " + row.eventId() + ": " + e, e);
                break;
            }
        }
        int acknowledged = 0;
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (InterruptedException e) {
                // Stopping: stamp what was acknowledged (the interrupt is cleared for that, and set again
                // once the transaction is over), then stop.
                failure = new PublishFailedException("interrupted while waiting for the broker", e);
                break;
            } catch (ExecutionException e) {
                failure = new PublishFailedException("the broker refused event " + rows.get(acknowledged).eventId()
                        + ": " + e.getCause(), e.getCause());
                break;
            } catch (TimeoutException e) {
                failure = new PublishFailedException("the broker did not acknowledge event " + rows.get(acknowledged).eventId()
                        + " within " + properties.sendTimeout(), e);
                break;
            }
        }
        // Only an unbroken run from the oldest: a row after one not acknowledged waits to go again behind it.
        outbox.markPublished(rows.subList(0, acknowledged), clock.instant());
        published.increment(acknowledged);
        return new Batch(acknowledged, failure == null && rows.size() == properties.batchSize(), failure);
    }

    /** The row as a CloudEvents 1.0 binary-mode record: the event JSON as value, the incident id as key. */
    static ProducerRecord<String, String> record(String topic, OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, row.eventId().toString());
        add(headers, TYPE, row.eventType());
        add(headers, SOURCE, NotificationEventTypes.SOURCE);
        add(headers, TIME, row.eventTime());
        add(headers, SUBJECT, row.incidentId());
        add(headers, CONTENT_TYPE, "application/json");
        return new ProducerRecord<>(topic, null, row.incidentId(), row.payload(), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A batch the broker did not take (all of it or its tail), or whose acknowledgements the
     * publisher stopped waiting for because it is stopping: it stays in the outbox and is sent again.
     */
    static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        boolean interrupted() {
            return getCause() instanceof InterruptedException;
        }
    }
}
