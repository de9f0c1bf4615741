package io.incidents.incidentservice.relay;

import io.incidents.support.kafka.IncidentEventsTopic;
import io.incidents.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** incident-events' layout against a real broker: created once as configured, never grown, a wrong count refused. */
class IncidentEventsTopicIntegrationTest {

    private static final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.get().kafkaBootstrapServers()));

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void aMissingTopicIsCreatedWithItsPartitionsAndDurabilitySettings() throws Exception {
        IncidentEventsTopic topic = new IncidentEventsTopic("it-layout-created", 6, (short) 1, 1);

        assertThat(topic.ensure(admin)).isEqualTo(IncidentEventsTopic.Found.AS_EXPECTED);
        assertThat(topic.ensure(admin)).as("a second instance finds it as expected").isEqualTo(IncidentEventsTopic.Found.AS_EXPECTED);

        assertThat(admin.describeTopics(List.of("it-layout-created")).allTopicNames().get().get("it-layout-created")
                .partitions()).hasSize(6);
        Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "it-layout-created")))
                .all().get().values().iterator().next();
        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
    }

    @Test
    void aTopicWithAnotherPartitionCountIsNeitherGrownNorAccepted() throws Exception {
        admin.createTopics(List.of(new NewTopic("it-layout-three", 3, (short) 1))).all().get();
        IncidentEventsTopic expectsSix = new IncidentEventsTopic("it-layout-three", 6, (short) 1, 1);

        assertThatThrownBy(() -> expectsSix.ensure(admin)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 3 partitions; this service expects 6");
        assertThatThrownBy(() -> expectsSix.check(admin)).isInstanceOf(IllegalStateException.class);
        assertThat(admin.describeTopics(List.of("it-layout-three")).allTopicNames().get().get("it-layout-three")
                .partitions()).as("never grown").hasSize(3);
    }

    @Test
    void aConsumerNeverCreatesIt() throws Exception {
        IncidentEventsTopic topic = new IncidentEventsTopic("it-layout-absent", 6, (short) 1, 1);

        assertThat(topic.check(admin)).isEqualTo(IncidentEventsTopic.Found.ABSENT);
        assertThat(admin.listTopics().names().get()).doesNotContain("it-layout-absent");
    }
}
