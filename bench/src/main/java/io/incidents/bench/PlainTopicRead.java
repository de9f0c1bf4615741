package io.incidents.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * replay's baseline: a plain Kafka consumer (no group, nothing committed) reading a topic from its
 * start to the end offsets seen when it starts, with the records as strings, as the replay reads
 * them, and nothing done with them.
 */
final class PlainTopicRead {

    /** How many records it read and how long that took. */
    record Outcome(long records, Duration took) {

        double perSecond() {
            return records / Math.max(0.001, took.toNanos() / 1e9);
        }
    }

    private PlainTopicRead() {
    }

    static Outcome read(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // Timed from here: connecting and finding the partitions is not reading (nor is it in a replay's figure).
            long start = System.nanoTime();
            long records = 0;
            while (!reached(consumer, end)) {
                ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(500));
                records += polled.count();
            }
            return new Outcome(records, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
