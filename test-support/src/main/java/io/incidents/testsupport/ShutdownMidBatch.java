package io.incidents.testsupport;

import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * What a consumer does with the records in hand when its service is told to stop (SIGTERM runs
 * the same context close): a service is started with its listener not yet running, a batch of
 * incident declarations waits on one partition of its topic, and the listener is started while
 * this test holds a lock on {@code incident_event}, so the first record of the batch waits inside
 * its transaction. The service is then closed, and the lock let go once the close has asked the
 * listener to stop.
 */
public final class ShutdownMidBatch {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private ShutdownMidBatch() {
    }

    /**
     * @param inHand    records the consumer had been handed when the close began
     * @param applied   events the service stored ({@code incident_event} rows) by the time it had stopped
     * @param committed the group's committed offsets on the topic, summed, after the stop
     */
    public record Outcome(long inHand, long applied, long committed) {
    }

    /**
     * @param application the service's application class
     * @param topic       the topic its listener reads (named in {@code properties})
     * @param listenerId  the listener's id
     * @param records     how many declarations to put on the topic
     * @param properties  the service's own settings for this run (its topic, at least)
     */
    public static Outcome run(Class<?> application, String topic, String listenerId, int records, Map<String, Object> properties)
            throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        infrastructure.createIncidentEventsTopics(Set.of(topic));
        try (EventFeed feed = new EventFeed(topic)) {
            Instant at = Instant.parse("2026-03-01T09:00:00Z");
            for (int i = 0; i < records; i++) {
                String id = UUID.randomUUID().toString();
                ProducerRecord<String, String> record = feed.record(new IncidentDeclared(id, "Incident " + i, "what users saw",
                        Severity.SEV3, List.of("checkout"), IncidentSource.manual(), at), "dana");
                // One partition: the whole batch comes in one poll.
                feed.send(new ProducerRecord<>(topic, 0, record.key(), record.value(), record.headers()));
            }
        }
        Map<String, Object> settings = new HashMap<>(properties);
        settings.put("server.port", "0");
        settings.put("spring.kafka.listener.auto-startup", "false");
        // As arguments: they outrank the service's application.yml, as its environment variables would.
        String[] arguments = settings.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).profiles("test")
                .initializers(new InfrastructureInitializer()).run(arguments);
        Environment environment = context.getEnvironment();
        String database = environment.getProperty("spring.datasource.url");
        String group = environment.getProperty("spring.kafka.consumer.group-id");
        try (Connection lock = DriverManager.getConnection(database, infrastructure.user(), infrastructure.password())) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE incident_event IN EXCLUSIVE MODE");
            }
            MessageListenerContainer listener = context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(listenerId);
            listener.start();
            await().atMost(PATIENCE).until(() -> waitingForTheLock(lock));
            long inHand = recordsConsumed(listener);

            Thread closing = new Thread(context::close, "closing-" + application.getSimpleName());
            closing.start();
            await().atMost(PATIENCE).until(() -> !listener.isRunning());
            lock.rollback();
            closing.join(PATIENCE.toMillis());
            if (closing.isAlive()) {
                throw new IllegalStateException("the service did not stop within " + PATIENCE);
            }
            return new Outcome(inHand, count(lock, "SELECT count(*) FROM incident_event"), committed(group, topic));
        } finally {
            context.close();
        }
    }

    private static boolean waitingForTheLock(Connection connection) throws SQLException {
        return count(connection, "SELECT count(*) FROM pg_locks WHERE relation = 'incident_event'::regclass AND NOT granted") > 0;
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** What the consumer's polls have returned so far (its fetch manager's total, across its topics). */
    private static long recordsConsumed(MessageListenerContainer listener) {
        long consumed = 0;
        for (Map<MetricName, ? extends Metric> client : listener.metrics().values()) {
            for (Map.Entry<MetricName, ? extends Metric> metric : client.entrySet()) {
                MetricName name = metric.getKey();
                if (name.name().equals("records-consumed-total") && name.group().equals("consumer-fetch-manager-metrics")
                        && !name.tags().containsKey("topic")) {
                    consumed += ((Number) metric.getValue().metricValue()).longValue();
                }
            }
        }
        return consumed;
    }

    private static long committed(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic))
                    .filter(entry -> entry.getValue() != null).mapToLong(entry -> entry.getValue().offset()).sum();
        }
    }
}
