package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The layout of {@code incident-events}: created in one place only (incident-service, which
 * writes it), with the replication a production cluster needs, kept forever (replay reads it from
 * the start); checked by every service at start-up. Its partition count is never changed here: a
 * new count maps an incident's key to another partition, so its later events could overtake its
 * earlier ones. A count other than the expected one stops the service with this explanation.
 *
 * @param name              the topic
 * @param partitions        the expected partition count
 * @param replicas          the replication factor when created
 * @param minInsyncReplicas {@code min.insync.replicas} when created: with {@code acks=all}, how many
 *                          copies a write must reach (production: 3 replicas, 2 in sync)
 */
public record IncidentEventsTopic(String name, int partitions, short replicas, int minInsyncReplicas) {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** What the broker said. */
    public enum Found { AS_EXPECTED, ABSENT }

    /** Creates the topic if it is missing (incident-service's part), then checks it. */
    public Found ensure(Admin admin) throws BrokerUnreachableException {
        if (describe(admin).isEmpty()) {
            NewTopic topic = new NewTopic(name, partitions, replicas).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas)));
            try {
                await(admin.createTopics(List.of(topic)).all());
            } catch (TopicExistsException e) {
                // Created meanwhile by another instance: checked below like any other.
            }
        }
        return check(admin);
    }

    /** Checks the topic's partition count (every service's part); consumers never create it. */
    public Found check(Admin admin) throws BrokerUnreachableException {
        Optional<TopicDescription> topic = describe(admin);
        if (topic.isEmpty()) {
            return Found.ABSENT;
        }
        int actual = topic.get().partitions().size();
        if (actual != partitions) {
            throw new IllegalStateException("Topic " + name + " has " + actual + " partitions; this service expects "
                    + partitions + ". Incidents are keyed to partitions by that count: with another one an incident's"
                    + " later events could overtake its earlier ones. Set the expected count to " + actual
                    + " (INCIDENT_EVENTS_PARTITIONS) if that is the topic's real layout; partitions are never added"
                    + " automatically.");
        }
        return Found.AS_EXPECTED;
    }

    private Optional<TopicDescription> describe(Admin admin) throws BrokerUnreachableException {
        try {
            return Optional.of(await(admin.describeTopics(List.of(name)).allTopicNames()).get(name));
        } catch (UnknownTopicOrPartitionException e) {
            return Optional.empty();
        } catch (TopicExistsException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws BrokerUnreachableException {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException unknown) {
                throw unknown;
            }
            if (e.getCause() instanceof TopicExistsException exists) {
                throw exists;
            }
            throw new BrokerUnreachableException(e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnreachableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException(e);
        }
    }

    /** The broker did not answer in time: try again later. */
    public static final class BrokerUnreachableException extends Exception {
        BrokerUnreachableException(Throwable cause) {
            super("the Kafka broker did not answer: " + cause, cause);
        }
    }
}
