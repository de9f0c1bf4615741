package io.incidents.incidentservice.relay;

import com.zaxxer.hikari.HikariDataSource;
import io.incidents.support.kafka.IncidentEventsTopic;
import io.incidents.support.kafka.RequiredTopic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    /**
     * Created here, and only here, if missing (replicated as configured, kept forever, since
     * replay reads it from the start); a wrong partition count stops the start.
     */
    @Bean
    RequiredTopic incidentEventsTopic(RelayProperties properties) {
        return new IncidentEventsTopic(properties.topic(), properties.partitions(), properties.replicas(),
                properties.minInsyncReplicas()).createdHere();
    }

    /**
     * A send the relay gave up on while the producer still retries it would be sent twice (the
     * retry of the batch, and the producer's own): the relay must wait longer than the producer's
     * {@code delivery.timeout.ms} (Kafka's default 120 s when not set).
     */
    @Bean
    InitializingBean relaySendTimeoutCheck(RelayProperties relay, KafkaProperties kafka) {
        return () -> {
            String configured = kafka.getProducer().getProperties().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
            Duration delivery = Duration.ofMillis(configured == null ? 120_000 : Long.parseLong(configured.trim()));
            if (relay.sendTimeout().compareTo(delivery) <= 0) {
                throw new IllegalStateException("incidents.relay.send-timeout (" + relay.sendTimeout()
                        + ") must be longer than the producer's delivery.timeout.ms (" + delivery + ")");
            }
        };
    }

    /**
     * While the relay waits for the broker, its transaction holds the token's row, and the
     * reconciler holds an aggregate's record: whoever waits for either lock (another instance
     * claiming the token, the relay behind the reconciler) reads nothing from the database
     * meanwhile. A JDBC socket timeout no longer than the send timeout would cut them as if the
     * database had gone.
     */
    @Bean
    InitializingBean relaySocketTimeoutCheck(RelayProperties relay, DataSource dataSource) {
        return () -> {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return;
            }
            String configured = dataSource.unwrap(HikariDataSource.class).getDataSourceProperties().getProperty("socketTimeout");
            Duration socketTimeout = Duration.ofSeconds(configured == null ? 0 : Long.parseLong(configured.trim()));
            if (!socketTimeout.isZero() && socketTimeout.compareTo(relay.sendTimeout()) <= 0) {
                throw new IllegalStateException("The JDBC socketTimeout (" + socketTimeout + ") must be longer than"
                        + " incidents.relay.send-timeout (" + relay.sendTimeout() + ")");
            }
        };
    }

    /**
     * Axon's default for event handlers logs an exception and moves on, which would drop the
     * event from Kafka for good. The relay propagates instead, so the processor retries.
     */
    @Bean
    ConfigurerModule relayErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /**
     * Events stored but not yet on Kafka: the head of the event store minus the relay's committed
     * position. Read from the token table, so it stays true while the relay is stopped.
     */
    @Bean
    Gauge relayLag(MeterRegistry meterRegistry, EventStore eventStore, RelayTokens relayTokens) {
        return Gauge.builder("incident.relay.lag", () -> relayLag(eventStore, relayTokens))
                .description("Events stored but not yet published to Kafka")
                .register(meterRegistry);
    }

    private static double relayLag(EventStore eventStore, RelayTokens relayTokens) {
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        long relayed = relayTokens.committed().map(RelayPosition::index).orElse(-1L);
        return Math.max(0, headPosition - relayed);
    }
}
