package io.incidents.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.List;
import java.util.TreeSet;

/**
 * Points a Spring test context at the shared test PostgreSQL (a fresh database of its own) and
 * the shared Kafka broker, with a consumer group of its own.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String application = context.getEnvironment().getProperty("spring.application.name", "test").replace('-', '_');
        String database = infrastructure.newDatabase(application);
        Map<String, Object> properties = Map.of(
                "spring.datasource.url", database,
                // A consumer group per context: cached contexts must not split a topic's partitions.
                "spring.kafka.consumer.group-id", database.substring(database.lastIndexOf('/') + 1).replaceAll("\\?.*", ""),
                "spring.datasource.username", infrastructure.user(),
                // At JVM exit the test PostgreSQL stops while contexts are still closing: a task that
                // then asks for a connection should give up in seconds, not hold the exit for 30.
                "spring.datasource.hikari.connection-timeout", "3000",
                "spring.datasource.password", infrastructure.password(),
                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-infrastructure", properties));
        // incident-service creates incident-events (the consumers only check it): stand in for it.
        infrastructure.createIncidentEventsTopics(new TreeSet<>(List.of(
                context.getEnvironment().getProperty("incidents.timeline.topic", "incident-events"),
                context.getEnvironment().getProperty("notifications.topic", "incident-events"))));
    }
}
