package io.incidents.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * end-to-end-latency's baseline: a bare Kafka round trip on the stack's broker at the same pace,
 * a producer as the relay configures one ({@code acks=all}, idempotent) sending the time it sent
 * each record, a consumer ({@code read_committed}) taking the difference on arrival. The topic
 * ({@value #TOPIC}, 6 partitions like {@code incident-events}) is the bench's own.
 */
final class KafkaRoundTrip {

    static final String TOPIC = "bench-round-trip";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private KafkaRoundTrip() {
    }

    static Latencies measure(String bootstrapServers, int perSecond, Duration length) throws InterruptedException {
        createTopic(bootstrapServers);
        long count = length.toSeconds() * perSecond;
        long[] nanos = new long[(int) count];
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers));
             KafkaProducer<String, Long> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, PATIENCE).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // settle the positions before anything is sent
            Thread sender = new Thread(() -> send(producer, perSecond, count), "bench-round-trip-producer");
            sender.start();
            int received = 0;
            long giveUpAt = System.nanoTime() + length.toNanos() + PATIENCE.toNanos();
            while (received < count) {
                if (System.nanoTime() > giveUpAt) {
                    throw new BenchFailure("end-to-end-latency's baseline: " + received + " of " + count
                            + " records came back from " + TOPIC);
                }
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                    if (received < count) {
                        nanos[received++] = System.nanoTime() - record.value();
                    }
                }
            }
            sender.join();
        }
        return new Latencies(nanos);
    }

    private static void send(KafkaProducer<String, Long> producer, int perSecond, long count) {
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (long n = 0; n < count; n++) {
            long wait = start + n * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            producer.send(new ProducerRecord<>(TOPIC, "key-" + n, System.nanoTime()));
        }
        producer.flush();
    }

    private static void createTopic(String bootstrapServers) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new BenchFailure("could not create " + TOPIC + " on " + bootstrapServers + ": " + e.getCause(), e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BenchFailure("Kafka at " + bootstrapServers + " did not answer within " + PATIENCE, e);
        }
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, LongSerializer.class);
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class);
    }
}
