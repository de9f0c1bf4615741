package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends what the delivery log holds, off the Kafka consumer's thread: due messages are claimed
 * in batches no larger than the free sending threads, each sent with a timeout, then marked
 * sent, or retried after an exponential backoff, or parked as a dead letter when attempts run out.
 */
@Component
class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryLog deliveries;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final DeliveryProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ExecutorService pool;
    private final Semaphore freeThreads;
    private final Set<String> busyDestinations = ConcurrentHashMap.newKeySet();

    DeliveryWorker(DeliveryLog deliveries, List<ChannelSender> senders, DeliveryProperties properties, Clock clock,
                   MeterRegistry meters) {
        this.deliveries = deliveries;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.pool = Executors.newFixedThreadPool(properties.threads(), r -> new Thread(r, "delivery"));
        this.freeThreads = new Semaphore(properties.threads());
    }

    @Scheduled(fixedDelayString = "${notifications.delivery.poll-interval:500ms}")
    void sendDue() {
        int free = freeThreads.availablePermits();
        if (free == 0) {
            return;
        }
        for (Delivery delivery : deliveries.claimDue(clock.instant(), free, properties.lease())) {
            String destination = delivery.channel() + " " + delivery.recipient();
            if (!busyDestinations.add(destination)) {
                // One attempt per destination at a time: a slow endpoint holds one thread, not all of them.
                deliveries.release(delivery.id(), clock.instant().plus(properties.pollInterval()));
                continue;
            }
            freeThreads.acquireUninterruptibly();
            pool.submit(() -> {
                try {
                    attempt(delivery);
                } finally {
                    busyDestinations.remove(destination);
                    freeThreads.release();
                }
            });
        }
    }

    private void attempt(Delivery delivery) {
        String channel = delivery.channel().name().toLowerCase();
        try {
            ChannelSender sender = senders.get(delivery.channel());
            if (sender == null) {
                throw new IllegalStateException("no sender for channel " + delivery.channel());
            }
            sender.send(delivery);
        } catch (Exception e) {
            failed(delivery, channel, e);
            return;
        }
        // Outside the try: once the other side took it, a failure to record that must not resend it
        // (the lease runs out instead, and only then is it tried again).
        Instant now = clock.instant();
        deliveries.markSent(delivery.id(), now);
        meters.counter("notifications.sent", "channel", channel).increment();
        Timer.builder("notifications.delivery.latency").tag("channel", channel)
                .description("From the event's arrival to the message's delivery")
                .register(meters).record(Duration.between(delivery.createdAt(), now));
    }

    private void failed(Delivery delivery, String channel, Exception e) {
        String error = Redaction.redact(e.getClass().getSimpleName() + ": " + e.getMessage());
        meters.counter("notifications.failed", "channel", channel).increment();
        int attempts = delivery.attempts() + 1;
        if (attempts >= properties.maxAttempts()) {
            deliveries.markDead(delivery.id(), error);
            meters.counter("notifications.dead_lettered", "channel", channel).increment();
            log.warn("Delivery {} ({} to {}) failed {} times and is parked as a dead letter: {}", delivery.id(),
                    delivery.channel(), Redaction.redact(delivery.recipient()), attempts, error);
        } else {
            deliveries.markFailed(delivery.id(), error, clock.instant().plus(properties.backoffAfter(attempts)));
            meters.counter("notifications.retried", "channel", channel).increment();
            log.info("Delivery {} ({} to {}) failed, attempt {} of {}: {}", delivery.id(), delivery.channel(),
                    Redaction.redact(delivery.recipient()), attempts, properties.maxAttempts(), error);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(properties.timeout().toSeconds() + 5, TimeUnit.SECONDS);
    }
}
