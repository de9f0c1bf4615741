package io.incidents.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.List;
import java.util.TreeSet;

/**
 * Points a Spring test context at the shared test PostgreSQL (a fresh database of its own) and
 * the shared Kafka broker, with a consumer group of its own. The service runs as it does in
 * production: Flyway as the database's owner, everything else as a runtime role that may only
 * read and write rows ({@link TestInfrastructure#newLeastPrivilegeDatabase}), so every integration
 * test also shows the service works with no more than its grants.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String application = context.getEnvironment().getProperty("spring.application.name", "test").replace('-', '_');
        TestInfrastructure.Database roles = infrastructure.newLeastPrivilegeDatabase(application);
        String database = roles.url();
        Map<String, Object> properties = Map.of(
                "spring.datasource.url", database,
                // A consumer group per context: cached contexts must not split a topic's partitions.
                "spring.kafka.consumer.group-id", database.substring(database.lastIndexOf('/') + 1).replaceAll("\\?.*", ""),
                "spring.datasource.username", roles.runtimeUser(),
                "incidents.database.owner.user", roles.ownerUser(),
                "incidents.database.owner.password", roles.ownerPassword(),
                // At JVM exit the test PostgreSQL stops while contexts are still closing: a task that
                // then asks for a connection should give up in seconds, not hold the exit for 30.
                "spring.datasource.hikari.connection-timeout", "3000",
                "spring.datasource.password", roles.runtimePassword(),
                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-infrastructure", properties));
        // incident-service creates incident-events (the consumers only check it): stand in for it.
        infrastructure.createIncidentEventsTopics(new TreeSet<>(List.of(
                context.getEnvironment().getProperty("incidents.timeline.topic", "incident-events"),
                context.getEnvironment().getProperty("notifications.topic", "incident-events"))));
    }
}
