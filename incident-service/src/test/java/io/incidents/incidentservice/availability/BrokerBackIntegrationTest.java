package io.incidents.incidentservice.availability;

import io.incidents.incidentservice.IncidentServiceApplication;
import io.incidents.infra.LocalKafka;
import io.incidents.testsupport.InfrastructureInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Started while no Kafka broker answers, the service creates every topic it owns once one does
 * (they used to be created at start-up only, so producing to them failed for good and the alerts
 * listener never got a partition), and its listener then consumes.
 */
class BrokerBackIntegrationTest {

    private static final List<String> OWN_TOPICS = List.of("incident-events", "alerts", "alerts.DLT", "api-tokens", "api-token-usage");

    @Test
    void topicsMissedWhileTheBrokerWasAwayAreCreatedOnceItAnswers(@TempDir Path brokerLog) throws Exception {
        int port = freePort();
        ConfigurableApplicationContext service = new SpringApplicationBuilder(IncidentServiceApplication.class).profiles("test")
                .initializers(new InfrastructureInitializer(), context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("broker-later", Map.of(
                                "spring.kafka.bootstrap-servers", "127.0.0.1:" + port,
                                // Only how long each attempt waits for the absent broker (10 s otherwise).
                                "spring.kafka.admin.properties.default.api.timeout.ms", "2000",
                                "spring.kafka.admin.properties.request.timeout.ms", "1000",
                                "incidents.kafka.topics.retry-every", "500ms"))))
                .run("--server.port=0");
        LocalKafka broker = null;
        try {
            broker = LocalKafka.start(brokerLog, port, freePort());

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> admin.listTopics().names().get().containsAll(OWN_TOPICS));
                Map<String, TopicDescription> topics = admin.describeTopics(OWN_TOPICS).allTopicNames().get();
                assertThat(topics.get("incident-events").partitions()).hasSize(6);
                assertThat(topics.get("alerts").partitions()).hasSize(3);
            }
            MessageListenerContainer alerts = service.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("alerts-listener");
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(alerts).size() == 3);
        } finally {
            service.close();
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static Collection<TopicPartition> assigned(MessageListenerContainer container) {
        Collection<TopicPartition> partitions = container.getAssignedPartitions();
        return partitions == null ? List.of() : partitions;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
