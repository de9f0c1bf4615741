package io.incidents.support.security.apitokens;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Follows the tokens topic from its beginning for as long as the service runs, so a token
 * issued or revoked on any instance counts here within moments. A plain consumer with its
 * partitions assigned by hand: every instance must see every record, which a consumer group
 * would split between them, and nothing needs committed offsets since each start reads the
 * (compacted) topic again.
 *
 * <p>Starts before the web server and waits a little for the topic's existing records, so
 * valid tokens are not refused right after a start. Until incident-service has created the
 * topic it keeps looking, quietly.
 */
public class TokenFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenFeed.class);

    /** How long start-up waits for the records already on the topic. */
    private static final Duration LOAD_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final String topic;
    private final Supplier<Consumer<String, String>> consumers;
    private final TokenRecords records;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** Per partition, the offset of the next record to apply; guarded by itself, waited on by {@link #awaitApplied}. */
    private final Map<Integer, Long> nextOffsets = new HashMap<>();

    private volatile boolean running;
    private volatile Consumer<String, String> consumer;
    private Thread thread;

    TokenFeed(String topic, Supplier<Consumer<String, String>> consumers, TokenRecords records) {
        this.topic = topic;
        this.consumers = consumers;
        this.records = records;
    }

    /**
     * Waits until the record at {@code offset} of {@code partition} has been applied here, so the
     * instance that issued or revoked a token answers only once it honours the change itself.
     *
     * @return false when that did not happen within {@code timeout}
     */
    public boolean awaitApplied(int partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (nextOffsets) {
            while (nextOffsets.getOrDefault(partition, 0L) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(nextOffsets, left);
            }
            return true;
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "api-token-feed");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!loaded.await(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The API tokens on {} were not all read within {}s; some may be refused for a moment", topic,
                        LOAD_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread == null) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts (and after it stops), so no request meets an empty registry. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** A feed that died would stop honouring revocations, so an unexpected failure starts it again. */
    private void run() {
        while (running) {
            try {
                follow();
            } catch (RuntimeException e) {
                log.error("The API token feed of {} failed; starting it again in {}s", topic, LAST_RETRY.toSeconds(), e);
                sleep(LAST_RETRY);
            }
        }
    }

    private void follow() {
        try (Consumer<String, String> kafka = consumers.get()) {
            consumer = kafka;
            List<TopicPartition> partitions = awaitTopic(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = null;
            Duration retry = FIRST_RETRY;
            while (running) {
                try {
                    if (endAtStart == null) {
                        endAtStart = kafka.endOffsets(partitions);
                    }
                    ConsumerRecords<String, String> batch = kafka.poll(POLL);
                    for (ConsumerRecord<String, String> record : batch) {
                        records.apply(record);
                    }
                    applied(kafka, partitions, endAtStart);
                    retry = FIRST_RETRY;
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("Reading API tokens from {} failed, retrying in {} ms: {}", topic, retry.toMillis(), e.toString());
                    sleep(retry);
                    retry = longer(retry);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.warn("The API token feed of {} stopped unexpectedly", topic, e);
            }
        } finally {
            consumer = null;
            loaded.countDown();
        }
    }

    private void applied(Consumer<String, String> kafka, List<TopicPartition> partitions, Map<TopicPartition, Long> endAtStart) {
        boolean caughtUp = true;
        synchronized (nextOffsets) {
            for (TopicPartition partition : partitions) {
                long next = kafka.position(partition);
                nextOffsets.put(partition.partition(), next);
                caughtUp &= next >= endAtStart.getOrDefault(partition, 0L);
            }
            nextOffsets.notifyAll();
        }
        if (caughtUp && loaded.getCount() > 0) {
            log.info("Read {} API tokens issued at run time from {}", records.known(), topic);
            loaded.countDown();
        }
    }

    /** The topic's partitions once it exists; empty when stopped first. */
    private List<TopicPartition> awaitTopic(Consumer<String, String> kafka) {
        Duration retry = FIRST_RETRY;
        boolean told = false;
        while (running) {
            try {
                List<PartitionInfo> found = kafka.partitionsFor(topic, LAST_RETRY);
                if (found != null && !found.isEmpty()) {
                    if (told) {
                        log.info("Topic {} exists now; following it", topic);
                    }
                    return found.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
                }
                if (!told) {
                    log.info("Waiting for topic {} (incident-service creates it); until then only configured API tokens"
                            + " are accepted", topic);
                    told = true;
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                log.debug("Could not look up topic {} yet: {}", topic, e.toString());
            }
            // Nothing to load yet: start-up must not wait for another service.
            loaded.countDown();
            sleep(retry);
            retry = longer(retry);
        }
        return List.of();
    }

    private static Duration longer(Duration retry) {
        Duration doubled = retry.multipliedBy(2);
        return doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
    }

    /** Sleeps, or returns at once when the feed is being stopped. */
    private void sleep(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
