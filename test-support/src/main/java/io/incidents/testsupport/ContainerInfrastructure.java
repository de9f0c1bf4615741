package io.incidents.testsupport;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/** The opt-in Docker path ({@code -Dinfra=testcontainers}): one PostgreSQL and one Kafka container per JVM. */
final class ContainerInfrastructure {

    private ContainerInfrastructure() {
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
    static TestInfrastructure start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1");
        postgres.start();
        kafka.start();
        return TestInfrastructure.of(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
                kafka.getBootstrapServers());
    }
}
