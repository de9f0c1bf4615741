package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private static final Logger log = LoggerFactory.getLogger(IncidentEventsTopic.class);

    /** What the broker said. */
    public enum Found { AS_EXPECTED, ABSENT }

    /** Creates the topic if it is missing (incident-service's part), then checks it. */
    public Found ensure(Admin admin) throws BrokerUnreachableException {
        if (AdminCalls.describe(admin, name).isEmpty()) {
            NewTopic topic = new NewTopic(name, partitions, replicas).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas)));
            try {
                AdminCalls.await(admin.createTopics(List.of(topic)).all());
                // As expected, since just created so; a describe right now might not list it yet.
                return Found.AS_EXPECTED;
            } catch (TopicExistsException e) {
                // Created meanwhile by another instance: checked below like any other.
            }
        }
        return check(admin);
    }

    /** Checks the topic's partition count (every service's part); consumers never create it. */
    public Found check(Admin admin) throws BrokerUnreachableException {
        Optional<TopicDescription> topic = AdminCalls.describe(admin, name);
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

    /** incident-service's part, as a {@link RequiredTopic}: created when missing, then checked. */
    public RequiredTopic createdHere() {
        return new Use(this, true);
    }

    /** A consumer's part, as a {@link RequiredTopic}: checked once incident-service has created it. */
    public RequiredTopic checkedHere() {
        return new Use(this, false);
    }

    private record Use(IncidentEventsTopic topic, boolean creates) implements RequiredTopic {

        @Override
        public String name() {
            return topic.name();
        }

        @Override
        public boolean settle(Admin admin) throws BrokerUnreachableException {
            Found found = creates ? topic.ensure(admin) : topic.check(admin);
            if (found == Found.AS_EXPECTED) {
                log.info("Topic {} has the expected {} partitions", topic.name(), topic.partitions());
            }
            return found == Found.AS_EXPECTED;
        }
    }
}
