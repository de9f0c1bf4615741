package io.incidents.timelineservice.ledger;

import io.incidents.testsupport.ConsumerGroupContract;
import io.incidents.testsupport.GroupMemberProcess;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

@IntegrationTest
class ConsumerGroupIntegrationTest extends ConsumerGroupContract {

    /**
     * Well short of what a crash cost with Kafka's default session timeout (45 s before the group
     * even notices), and long enough for the 10 s one, the rebalance and a busy machine.
     */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);

    @Test
    @SuppressWarnings("unchecked")
    void aCrashedInstancesPartitionsGoToTheOneStillRunning() {
        String topic = "it-crash-takeover";
        TestInfrastructure.get().createIncidentEventsTopics(Set.of(topic));
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-crash-takeover-" + UUID.randomUUID());
        ContainerProperties survivorSettings = new ContainerProperties(topic);
        survivorSettings.setGroupId((String) config.get(ConsumerConfig.GROUP_ID_CONFIG));
        survivorSettings.setMessageListener((MessageListener<Object, Object>) record -> { });
        KafkaMessageListenerContainer<Object, Object> survivor =
                new KafkaMessageListenerContainer<>((ConsumerFactory<Object, Object>) consumerFactory, survivorSettings);

        try (GroupMemberProcess crashing = GroupMemberProcess.start(topic, config)) {
            crashing.awaitAssigned(TestInfrastructure.INCIDENT_EVENTS_PARTITIONS, Duration.ofSeconds(60));
            survivor.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(survivor) == 3);
            crashing.awaitAssigned(3, Duration.ofSeconds(60));

            crashing.crash();

            await().atMost(TAKEOVER_BOUND).until(() -> assigned(survivor) == TestInfrastructure.INCIDENT_EVENTS_PARTITIONS);
        } finally {
            survivor.stop();
        }
    }

    private static int assigned(KafkaMessageListenerContainer<?, ?> container) {
        var partitions = container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }
}
