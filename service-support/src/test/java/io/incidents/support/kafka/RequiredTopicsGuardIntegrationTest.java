package io.incidents.support.kafka;

import io.incidents.infra.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.config.TopicBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service started while its Kafka broker is away gets its topics once the broker answers: the
 * guard goes on without them at start-up and settles them in the background.
 */
class RequiredTopicsGuardIntegrationTest {

    private static final int PORT = freePort();
    private static final Map<String, Object> ADMIN = Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORT,
            // Only how long each attempt waits for the absent broker (10 s otherwise).
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);

    @TempDir
    static Path brokerLog;
    private static RequiredTopicsGuard owner;
    private static RequiredTopicsGuard consumer;
    private static LocalKafka broker;

    /** Both guards start while no broker answers at their address. */
    @BeforeAll
    static void startWithoutABroker() {
        owner = new RequiredTopicsGuard(List.of(
                new IncidentEventsTopic("late-events", 6, (short) 1, 1).createdHere(),
                new OwnTopic(TopicBuilder.name("late-alerts").partitions(3).build()),
                new OwnTopic(TopicBuilder.name("late-alerts.DLT").partitions(3).build())), ADMIN, Duration.ofMillis(200));
        consumer = new RequiredTopicsGuard(List.of(
                new IncidentEventsTopic("awaited-events", 6, (short) 1, 1).checkedHere(),
                new OwnTopic(TopicBuilder.name("awaited-events.DLT").partitions(6).build())), ADMIN, Duration.ofMillis(200));
        owner.afterPropertiesSet();
        consumer.afterPropertiesSet();
    }

    @AfterAll
    static void stop() {
        owner.destroy();
        consumer.destroy();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void topicsMissedWhileTheBrokerWasAwayAreSettledOnceItAnswers() throws Exception {
        assertThat(owner.settled()).as("nothing could be done without a broker").isFalse();

        broker = LocalKafka.start(brokerLog, PORT, freePort());

        await().atMost(Duration.ofSeconds(60)).until(owner::settled);
        try (Admin admin = Admin.create(ADMIN)) {
            // The broker lists a topic a moment after its creation is confirmed.
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.listTopics().names().get()
                    .containsAll(List.of("late-events", "late-alerts", "late-alerts.DLT")));
            assertThat(admin.describeTopics(List.of("late-events", "late-alerts")).allTopicNames().get())
                    .hasEntrySatisfying("late-events", topic -> assertThat(topic.partitions()).hasSize(6))
                    .hasEntrySatisfying("late-alerts", topic -> assertThat(topic.partitions()).hasSize(3));

            // A consumer's own topics are created, incident-events never: it waits for the service that owns it.
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.listTopics().names().get().contains("awaited-events.DLT"));
            assertThat(consumer.settled()).isFalse();
            assertThat(admin.listTopics().names().get()).doesNotContain("awaited-events");

            admin.createTopics(List.of(new NewTopic("awaited-events", 6, (short) 1))).all().get();
            await().atMost(Duration.ofSeconds(60)).until(consumer::settled);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
