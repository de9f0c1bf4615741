package io.incidents.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer group settings every service's consumers run with by default (see the service
 * READMEs): a crashed member's partitions move on after 10 s instead of Kafka's 45, a stopping one
 * finishes at most 50 records before it leaves, and a rebalance never stops the members that keep
 * their partitions. A service's test class extends this (annotated {@link IntegrationTest}).
 */
public abstract class ConsumerGroupContract {

    @Autowired
    protected ConsumerFactory<?, ?> consumerFactory;
    @Autowired
    protected KafkaListenerEndpointRegistry listeners;

    @Test
    void consumersLeaveCrashedMembersBehindQuicklyAndStopWithinASmallBatch() {
        assertThat(consumerFactory.getConfigurationProperties())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName())
                .as("no static membership: a stopping member leaves its group at once")
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void aListenerTheBrokerRefusesTriesAgainInsteadOfStoppingForGood() {
        // Spring Kafka stops a container on an authorization error unless it has a retry interval:
        // a missing ACL, once added, would then need a restart (docs/deploy-kafka.md).
        assertThat(listeners.getListenerContainers()).isNotEmpty().allSatisfy(container ->
                assertThat(container.getContainerProperties().getAuthExceptionRetryInterval())
                        .as("%s's auth-exception retry interval", container.getListenerId())
                        .isEqualTo(Duration.ofSeconds(10)));
    }
}
