package io.incidents.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * How a service's consumers take part in their consumer groups ({@code incidents.kafka.consumer-group.*}),
 * set on every consumer the service's consumer factory makes (its listeners'); these take precedence
 * over the same settings under {@code spring.kafka.consumer}.
 *
 * @param sessionTimeout    how long the group waits for a member that stopped sending heartbeats
 *                          (a process killed, a host gone) before its partitions go to the others:
 *                          the longest a crash stops consumption of its partitions (Kafka's own
 *                          default is 45 s). Must lie within the broker's
 *                          {@code group.min.session.timeout.ms} (6 s by default) and {@code group.max.session.timeout.ms}
 * @param heartbeatInterval how often a member tells the group it is alive; at most a third of the
 *                          session timeout, so two missed heartbeats do not yet cost the membership.
 *                          Also how soon a busy member notices a rebalance another member started
 * @param maxPollRecords    the most records one poll hands the listener. A stopping consumer first
 *                          finishes (and commits) the records in hand, and a member rejoins a
 *                          rebalance only between two polls, so this bounds both waits
 */
@ConfigurationProperties("incidents.kafka.consumer-group")
public record ConsumerGroupProperties(
        @DefaultValue("10s") Duration sessionTimeout,
        @DefaultValue("3s") Duration heartbeatInterval,
        @DefaultValue("50") int maxPollRecords) {

    public ConsumerGroupProperties {
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("incidents.kafka.consumer-group.heartbeat-interval must be positive");
        }
        if (sessionTimeout == null || sessionTimeout.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("incidents.kafka.consumer-group.session-timeout (" + sessionTimeout
                    + ") must be at least three heartbeat intervals (" + heartbeatInterval.multipliedBy(3) + ")");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("incidents.kafka.consumer-group.max-poll-records must be at least 1");
        }
    }

    /**
     * The consumer settings. Partitions are assigned cooperatively: when a member joins or leaves,
     * the others keep consuming the partitions they keep instead of all stopping for the rebalance
     * (Kafka's default list starts with the eager range assignor; it also names the cooperative
     * one, so instances on the old default and on this one agree during a rolling upgrade).
     * No {@code group.instance.id} (static membership): a static member does not leave its group
     * when it stops, so its partitions would wait out the session timeout on every stop, and two
     * instances given the same id would fence each other.
     */
    Map<String, Object> consumerConfigs() {
        return Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) heartbeatInterval.toMillis(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }
}
