package io.incidents.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prints a topic's records from the beginning, with their key and headers: {@code ./stack events}.
 * Reads without a consumer group, so it never moves anyone's offsets.
 *
 * <p>Usage: {@code TopicTail <bootstrap-servers> <topic> [--follow]}
 */
public final class TopicTail {

    private TopicTail() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TopicTail <bootstrap-servers> <topic> [--follow]");
            System.exit(2);
        }
        boolean follow = args.length > 2 && "--follow".equals(args[2]);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1], Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(args[1], info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int idlePolls = 0;
            while (follow || idlePolls < 3) {
                var records = consumer.poll(Duration.ofSeconds(1));
                idlePolls = records.isEmpty() ? idlePolls + 1 : 0;
                records.forEach(TopicTail::print);
            }
        }
    }

    private static void print(ConsumerRecord<String, String> record) {
        StringBuilder line = new StringBuilder()
                .append("partition=").append(record.partition())
                .append(" offset=").append(record.offset())
                .append(" key=").append(record.key());
        for (Header header : record.headers()) {
            line.append(' ').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
        System.out.println(line);
        System.out.println("  " + record.value());
    }
}
