package io.incidents.support.security.apitokens;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells incident-service, every interval, when this service last saw each issued token in use,
 * for the "last used" column. One record per token and interval however often it was used, so
 * a busy scraper costs nothing extra. Tokens set in configuration are not reported: incident-service
 * does not know them. Uses that could not be sent are kept for the next round; the last round runs
 * at shutdown, after the web server has stopped taking requests.
 */
final class TokenUsageReporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenUsageReporter.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Map<String, Instant>> uses;
    private final Supplier<Producer<String, String>> producers;
    private final String topic;
    private final String service;
    private final Duration interval;
    /** Uses not reported yet, by token id; only touched under this object's lock. */
    private final Map<String, Instant> pending = new HashMap<>();

    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private Producer<String, String> producer;
    private boolean failing;

    TokenUsageReporter(Supplier<Map<String, Instant>> uses, Supplier<Producer<String, String>> producers, String topic,
                       String service, Duration interval) {
        this.uses = uses;
        this.producers = producers;
        this.topic = topic;
        this.service = service;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        producer = producers.get();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "api-token-usage");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::reportSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current;
        synchronized (this) {
            running = false;
            current = scheduler;
        }
        current.shutdown();
        try {
            current.awaitTermination(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reportSafely();
        synchronized (this) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server, so the uses of the last requests are reported too. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Sends the uses seen since the last round (and any a failed round left); returns how many were sent. */
    synchronized int report() {
        uses.get().forEach((tokenId, usedAt) -> {
            if (!tokenId.startsWith("config:")) {
                pending.merge(tokenId, usedAt, (a, b) -> a.isAfter(b) ? a : b);
            }
        });
        Map<String, Future<?>> sends = new HashMap<>();
        Exception failure = null;
        for (Map.Entry<String, Instant> use : pending.entrySet()) {
            try {
                sends.put(use.getKey(), producer.send(new ProducerRecord<>(topic, use.getKey(),
                        new TokenUse(use.getKey(), use.getValue(), service).toJson())));
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        int sent = 0;
        for (Map.Entry<String, Future<?>> send : sends.entrySet()) {
            try {
                send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                pending.remove(send.getKey());
                sent++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null && !failing) {
            log.warn("Could not report API token use to {} ({}); will retry every {}s", topic, failure.toString(),
                    interval.toSeconds());
        } else if (failure == null && failing) {
            log.info("API token use is reported to {} again", topic);
        }
        failing = failure != null;
        return sent;
    }

    /** A scheduled task that throws is never run again: this one must not. */
    private void reportSafely() {
        try {
            report();
        } catch (RuntimeException e) {
            log.warn("Reporting API token use failed", e);
        }
    }
}
