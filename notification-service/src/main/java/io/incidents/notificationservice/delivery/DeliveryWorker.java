package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import io.incidents.support.events.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Sends what the delivery log holds, off the Kafka consumer's thread. Each poll claims due
 * messages, no more than the free sending threads, and starts one run per destination: a run
 * sends its message with timeouts and, while they go through, claims and sends that
 * destination's next due message at once; after a turn, or when its destination has none due,
 * it takes the oldest due message elsewhere. So a backlog drains at the pace of the destinations,
 * not of the polls, no destination waits behind another's backlog for long, and a slow endpoint
 * still holds one thread, never the others.
 * A message that fails is retried after a capped exponential backoff, or parked once it has been
 * failing for give-up-after, and ends its run. Every mark is fenced by the claim: a worker whose
 * claim another worker took over records nothing. The first message of a run that goes through
 * re-drives its destination's parked and waiting messages. Stopping stops claiming first, then
 * lets the sends in flight finish (or interrupts them after the grace period) and hands back
 * what it still holds.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** How long interrupted sends get to record their unknown outcome before the rest is handed back. */
    private static final Duration INTERRUPTED_SENDS_WAIT = Duration.ofSeconds(2);
    private static final Duration RECORD_RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RECORD_RETRY_MAX = Duration.ofSeconds(5);
    /**
     * How long a run keeps to one destination before it takes the oldest due message anywhere:
     * a destination with a long backlog holds a thread for a turn at a time, so messages to
     * other destinations wait at most about a turn for a thread, not until that backlog is gone.
     */
    static final Duration TURN = Duration.ofSeconds(1);

    private final DeliveryLog deliveries;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final DeliveryProperties properties;
    private final RetryPolicy retries;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Semaphore freeThreads;
    private final Set<String> busyDestinations = ConcurrentHashMap.newKeySet();
    private final Set<DestinationRun> runs = ConcurrentHashMap.newKeySet();
    /**
     * Claims hold the read lock, starting and stopping the write lock: nothing is claimed once stop
     * has begun, and runs claim their next messages side by side.
     */
    private final ReadWriteLock claiming = new ReentrantReadWriteLock();
    private volatile boolean running;
    private ExecutorService pool;
    /** Runs {@link #sendDue} when messages were just enqueued; at most one such run waits at a time. */
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "delivery-wake");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    DeliveryWorker(DeliveryLog deliveries, List<ChannelSender> senders, DeliveryProperties properties, Clock clock,
                   MeterRegistry meters) {
        this.deliveries = deliveries;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.properties = properties;
        this.retries = RetryPolicy.of(properties);
        this.clock = clock;
        this.meters = meters;
        this.freeThreads = new Semaphore(properties.threads());
    }

    @Override
    public void start() {
        claiming.writeLock().lock();
        try {
            if (running) {
                return;
            }
            AtomicInteger threadNumber = new AtomicInteger();
            pool = Executors.newFixedThreadPool(properties.threads(), r -> new Thread(r, "delivery-" + threadNumber.incrementAndGet()));
            running = true;
        } finally {
            claiming.writeLock().unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops just after the Kafka listener containers (still before the web server and the
     * database): the consumer hands its partitions to another instance first, instead of holding
     * them through the up to shutdown-grace that sends in flight may take to finish.
     */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
    }

    /**
     * Stops claiming, lets the sends in flight finish for up to shutdown-grace, then interrupts
     * them (an interrupted send is recorded as an unknown outcome and retried later). Messages
     * claimed but not started are handed back at once, and a send that ignores the interrupt is
     * recorded as unknown too, so other instances take them over in seconds, not after the lease.
     */
    @Override
    public void stop() {
        ExecutorService stopping;
        claiming.writeLock().lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            stopping = pool;
        } finally {
            claiming.writeLock().unlock();
        }
        stopping.shutdown();
        if (awaitTermination(stopping, properties.shutdownGrace())) {
            return;
        }
        for (Runnable queued : stopping.shutdownNow()) {
            if (queued instanceof DestinationRun run) {
                run.giveBack();
            }
        }
        if (awaitTermination(stopping, INTERRUPTED_SENDS_WAIT)) {
            return;
        }
        runs.forEach(DestinationRun::abandon);
    }

    private static boolean awaitTermination(ExecutorService pool, Duration wait) {
        try {
            return pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** No send in flight (tests wait for this). */
    boolean idle() {
        return runs.isEmpty();
    }

    /**
     * New messages committed: send them now rather than at the next poll (which remains, for
     * messages falling due later and for other instances' intake). Several commits in a row
     * share one wake-up.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void wake(MessagesEnqueued enqueued) {
        if (running && wakeQueued.compareAndSet(false, true)) {
            meters.counter("notifications.delivery.wakeups").increment();
            try {
                waker.execute(() -> {
                    wakeQueued.set(false);
                    try {
                        sendDue();
                    } catch (RuntimeException e) {
                        // The database went away between the commit and this poll: the next poll tries again.
                        log.debug("A wake-up's poll failed; the next poll tries again: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down: the messages stay due for the next start
            }
        }
    }

    /** One at a time, whether the poll or a wake-up calls it: it claims no more than the free threads. */
    @Scheduled(fixedDelayString = "${notifications.delivery.poll-interval:500ms}")
    synchronized void sendDue() {
        claiming.readLock().lock();
        try {
            if (!running) {
                return;
            }
            int free = freeThreads.availablePermits();
            if (free == 0) {
                return;
            }
            List<Delivery> claimed = deliveries.claimDue(clock.instant(), free, properties.lease(), Set.copyOf(busyDestinations));
            // One run per destination, started with its first message. The others go back in their
            // place before any run starts, so that the run claims them next, in order.
            Map<String, Delivery> firsts = new LinkedHashMap<>();
            for (Delivery delivery : claimed) {
                if (firsts.putIfAbsent(delivery.destination(), delivery) != null) {
                    deliveries.release(delivery, delivery.nextAttemptAt());
                }
            }
            firsts.values().forEach(this::dispatch);
        } finally {
            claiming.readLock().unlock();
        }
    }

    /** Tries one parked message per destination again: if it goes through, its destination's others follow. */
    @Scheduled(fixedDelayString = "${notifications.delivery.dead-probe-interval:10m}",
            initialDelayString = "${notifications.delivery.dead-probe-interval:10m}")
    void probeParked() {
        if (!running) {
            return;
        }
        int probes = deliveries.probeParked(clock.instant());
        if (probes > 0) {
            log.info("Trying {} parked deliveries again (one per destination) to see whether their destinations work again", probes);
        }
    }

    private void dispatch(Delivery delivery) {
        if (!busyDestinations.add(delivery.destination())) {
            // A run took the destination meanwhile: back in its place, for that run to claim next.
            deliveries.release(delivery, delivery.nextAttemptAt());
            return;
        }
        DestinationRun run = new DestinationRun(delivery);
        // Never blocks: no more were claimed than there were free permits, and only this method takes them.
        freeThreads.acquireUninterruptibly();
        runs.add(run);
        try {
            pool.execute(run);
        } catch (RejectedExecutionException e) {
            run.giveBack();
        }
    }

    /** The next due message to the destination {@code sent} went to, claimed unless the worker is stopping. */
    private Optional<Delivery> claimNextFor(Delivery sent) {
        claiming.readLock().lock();
        try {
            return running ? deliveries.claimNextFor(sent, clock.instant(), properties.lease()) : Optional.empty();
        } finally {
            claiming.readLock().unlock();
        }
    }

    /** Sends one claimed message and records the outcome; true if the receiver took it and that is recorded. */
    private boolean deliver(Delivery delivery, Instant claimedAt) {
        try {
            ChannelSender sender = senders.get(delivery.channel());
            if (sender == null) {
                throw new IllegalStateException("no sender for channel " + delivery.channel());
            }
            sender.send(delivery);
        } catch (Exception e) {
            // Interrupted because the worker is stopping: record the attempt first (the database
            // refuses an interrupted thread), then let the thread end.
            boolean interrupted = Thread.interrupted();
            failed(delivery, e);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        // Outside the try: once the other side took it, a failure to record that must not count as
        // a failed send (the lease runs out instead, and only then is it tried again).
        Instant now = clock.instant();
        if (!recordSent(delivery, now, claimedAt.plus(properties.lease()))) {
            claimLost(delivery, "sent");
            return false;
        }
        String channel = channelTag(delivery);
        meters.counter("notifications.sent", "channel", channel).increment();
        Timer.builder("notifications.delivery.latency").tag("channel", channel)
                .description("From the event's arrival to the message's delivery")
                .register(meters).record(Duration.between(delivery.createdAt(), now));
        return true;
    }

    /**
     * Records a message the receiver took; false if this worker's claim is gone. A database that is
     * away for a moment (a restart, a failover, a stall) is waited for, up to the end of the lease:
     * forgetting the send would have the message sent a second time once the lease runs out, a
     * duplicate every receiver would have to catch. Past the lease another worker may have taken
     * the message over, and the fenced update then refuses anyway.
     */
    private boolean recordSent(Delivery delivery, Instant sentAt, Instant leaseEnds) {
        Duration wait = RECORD_RETRY_FIRST;
        while (true) {
            try {
                return deliveries.markSent(delivery, sentAt);
            } catch (RuntimeException e) {
                if (!Failures.isOutage(e) || clock.instant().plus(wait).isAfter(leaseEnds)) {
                    throw e;
                }
                log.info("Delivery {} was sent, but the database is unreachable; recording it again in {}: {}",
                        delivery.id(), wait, Redaction.redact(e.toString()));
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(RECORD_RETRY_MAX) > 0 ? RECORD_RETRY_MAX : wait.multipliedBy(2);
            }
        }
    }

    private void redriveDestination(Delivery delivery) {
        Instant now = clock.instant();
        try {
            DeliveryLog.Redriven redriven = deliveries.redrive(delivery.channel(), delivery.recipient(), now);
            if (redriven.parked() > 0 || redriven.waiting() > 0) {
                meters.counter("notifications.redriven", "channel", channelTag(delivery)).increment(redriven.parked());
                log.info("{} to {} works again: {} parked deliveries are pending again, {} failing ones are due now",
                        delivery.channel(), Redaction.redact(delivery.recipient()), redriven.parked(), redriven.waiting());
            }
        } catch (RuntimeException e) {
            log.warn("Could not re-drive the deliveries to {} {}; they keep their retry times: {}", delivery.channel(),
                    Redaction.redact(delivery.recipient()), Redaction.redact(e.toString()));
        }
    }

    private void failed(Delivery delivery, Exception e) {
        boolean unknown = SendFailures.outcomeUnknown(e);
        String error = (unknown ? "Outcome unknown (the receiver may have it): " : "")
                + e.getClass().getSimpleName() + ": " + e.getMessage();
        recordFailure(delivery, Redaction.redact(error), unknown);
    }

    private void recordFailure(Delivery delivery, String error, boolean outcomeUnknown) {
        String channel = channelTag(delivery);
        Instant now = clock.instant();
        meters.counter("notifications.failed", "channel", channel).increment();
        if (outcomeUnknown) {
            meters.counter("notifications.outcome_unknown", "channel", channel).increment();
        }
        RetryPolicy.Decision decision = retries.afterFailure(delivery.failures(), delivery.failingSince(), now, outcomeUnknown);
        if (decision.giveUp()) {
            if (!deliveries.markDead(delivery, error, outcomeUnknown, now, decision.failingSince())) {
                claimLost(delivery, "parked");
            } else if (delivery.parkedAt() == null) {
                meters.counter("notifications.dead_lettered", "channel", channel).increment();
                log.warn("Delivery {} ({} to {}) has been failing since {} ({} attempts) and is parked as a dead letter"
                                + " until its destination works again or an operator retries it: {}", delivery.id(),
                        delivery.channel(), Redaction.redact(delivery.recipient()), decision.failingSince(),
                        delivery.attempts() + 1, error);
            } else {
                log.info("Parked delivery {} ({} to {}) was tried again and still fails: parked again: {}", delivery.id(),
                        delivery.channel(), Redaction.redact(delivery.recipient()), error);
            }
            return;
        }
        if (!deliveries.markFailed(delivery, error, outcomeUnknown, now, decision.failingSince(), decision.nextAttemptAt())) {
            claimLost(delivery, "failed");
            return;
        }
        meters.counter("notifications.retried", "channel", channel).increment();
        log.info("Delivery {} ({} to {}) failed ({} in a row, failing since {}), next attempt at {}: {}", delivery.id(),
                delivery.channel(), Redaction.redact(delivery.recipient()), delivery.failures() + 1,
                decision.failingSince(), decision.nextAttemptAt(), error);
    }

    private void claimLost(Delivery delivery, String outcome) {
        meters.counter("notifications.claims.lost", "channel", channelTag(delivery)).increment();
        log.warn("Delivery {} ({} to {}) was {} here, but this worker's claim on it is gone (its lease of {} ran out and"
                        + " another worker took it over, or it was handed back while this worker stopped): not recorded;"
                        + " the next claimer records its own attempt", delivery.id(), delivery.channel(),
                Redaction.redact(delivery.recipient()), outcome, properties.lease());
    }

    private static String channelTag(Delivery delivery) {
        return delivery.channel().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Messages on their way, one after another on one pool thread: the claimed one, then, while
     * they go through, each next due message to the same destination. When that destination has
     * none due, or after a turn of {@link #TURN} with it, the run takes the oldest due message to a
     * destination no run holds, so other destinations get their turn; with none waiting it keeps
     * to its own. A failure ends the run: the failing destination is tried again at the next poll,
     * not hammered with its whole backlog. Handed back if it never starts.
     */
    private final class DestinationRun implements Runnable {

        private volatile Delivery current;
        private volatile Instant claimedAt = clock.instant();
        /** The destination this run keeps to itself; null once it let go of it. */
        private volatile String held;

        DestinationRun(Delivery first) {
            this.current = first;
            this.held = first.destination();
        }

        @Override
        public void run() {
            try {
                Instant turnEnds = claimedAt.plus(TURN);
                boolean newDestination = true;
                while (deliver(current, claimedAt)) {
                    if (newDestination) {
                        // The destination works: what failed there or was parked is due again.
                        redriveDestination(current);
                    }
                    boolean turnOver = !clock.instant().isBefore(turnEnds);
                    Optional<Delivery> next = turnOver ? Optional.empty() : claimNextFor(current);
                    newDestination = false;
                    if (next.isEmpty()) {
                        next = claimElsewhere();
                        newDestination = next.isPresent();
                        if (next.isEmpty() && turnOver) {
                            next = claimNextFor(current);
                        }
                        turnEnds = clock.instant().plus(TURN);
                    }
                    if (next.isEmpty()) {
                        return;
                    }
                    claimedAt = clock.instant();
                    current = next.get();
                }
            } catch (RuntimeException e) {
                log.error("Delivery {}: the attempt could not be recorded, or the next message not claimed; what is"
                        + " claimed is tried again when its lease of {} runs out", current.id(), properties.lease(), e);
            } finally {
                done();
            }
        }

        /**
         * Claims the oldest due message to a destination no run holds (this one's own included) and
         * moves this run over to that destination; empty if there is none or the worker is stopping.
         */
        private Optional<Delivery> claimElsewhere() {
            claiming.readLock().lock();
            try {
                if (!running) {
                    return Optional.empty();
                }
                Instant now = clock.instant();
                Optional<Delivery> claimed = deliveries.claimDue(now, 1, properties.lease(), Set.copyOf(busyDestinations))
                        .stream().findFirst();
                if (claimed.isPresent() && !busyDestinations.add(claimed.get().destination())) {
                    // Another run or the poll took that destination meanwhile: it claims this message next.
                    deliveries.release(claimed.get(), claimed.get().nextAttemptAt());
                    return Optional.empty();
                }
                claimed.ifPresent(delivery -> {
                    letGo();
                    held = delivery.destination();
                });
                return claimed;
            } finally {
                claiming.readLock().unlock();
            }
        }

        /** Never started: hands the claim back, due at once. */
        void giveBack() {
            try {
                deliveries.release(current, clock.instant());
            } catch (RuntimeException e) {
                log.warn("Delivery {} could not be handed back; it is tried again when its lease runs out: {}",
                        current.id(), Redaction.redact(e.toString()));
            } finally {
                done();
            }
        }

        /** Still sending when the worker stops and deaf to the interrupt: recorded as an unknown outcome. */
        void abandon() {
            Delivery delivery = current;
            try {
                recordFailure(delivery, "Outcome unknown (the receiver may have it): the service stopped during the attempt", true);
            } catch (RuntimeException e) {
                log.warn("Delivery {} could not be handed back; it is tried again when its lease runs out: {}",
                        delivery.id(), Redaction.redact(e.toString()));
            }
        }

        private void letGo() {
            if (held != null) {
                busyDestinations.remove(held);
                held = null;
            }
        }

        private void done() {
            letGo();
            runs.remove(this);
            freeThreads.release();
        }
    }
}
