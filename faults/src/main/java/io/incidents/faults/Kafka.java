package io.incidents.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The broker as the suite sees it: consumer lag per group, topic sizes, and a producer for poison. */
final class Kafka implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final String bootstrapServers;
    private final Admin admin;

    Kafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        this.admin = Admin.create(properties);
    }

    /** Records not yet consumed, per consumer group (committed offset to the end of each partition it reads). */
    Map<String, Long> lagByGroup() throws InterruptedException {
        Map<String, Long> lag = new TreeMap<>();
        try {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                // A group nobody is in any more (a stopped extra instance's) has nobody to catch up.
                if (group.state().map(state -> state == ConsumerGroupState.EMPTY || state == ConsumerGroupState.DEAD).orElse(false)) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                long behind = committed.entrySet().stream()
                        .filter(entry -> entry.getValue() != null)
                        .mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()))
                        .sum();
                lag.put(group.groupId(), behind);
            }
        } catch (ExecutionException | TimeoutException e) {
            lag.put("(broker not answering: " + e.getMessage() + ")", Long.MAX_VALUE);
        }
        return lag;
    }

    /** How many records {@code topic} holds (the sum of its partitions' end offsets), 0 when it does not exist. */
    long size(String topic) throws InterruptedException {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            return 0;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not say how big " + topic + " is", e);
        }
    }

    /** Each member of {@code group} (by its member id) and the partitions of {@code topic} it holds, some possibly none. */
    Map<String, Set<Integer>> assignment(String group, String topic) throws InterruptedException {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Set<Integer>> members = new TreeMap<>();
            for (MemberDescription member : description.members()) {
                members.put(member.consumerId(), member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(topic)).map(TopicPartition::partition)
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
            return members;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not describe consumer group " + group + ": " + e.getMessage(), e);
        }
    }

    /** Sends records as an outside producer would, each confirmed by the broker. */
    void send(Iterable<ProducerRecord<String, String>> records) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker refused a poison record: " + e.getMessage(), e);
        }
    }

    static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        admin.close();
    }
}
