package io.incidents.incidentservice.relay;

import io.incidents.support.kafka.IncidentEventsTopic;
import io.incidents.support.kafka.RequiredTopic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

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
    Gauge relayLag(MeterRegistry meterRegistry, EventStore eventStore, JdbcTemplate jdbc, Serializer serializer) {
        return Gauge.builder("incident.relay.lag", () -> relayLag(eventStore, jdbc, serializer))
                .description("Events stored but not yet published to Kafka")
                .register(meterRegistry);
    }

    private static double relayLag(EventStore eventStore, JdbcTemplate jdbc, Serializer serializer) {
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        List<Long> positions = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (row, i) -> committedPosition(serializer, row.getBytes("token"), row.getString("token_type")),
                KafkaRelay.PROCESSING_GROUP);
        long relayed = positions.stream().mapToLong(Long::longValue).min().orElse(-1);
        return Math.max(0, headPosition - relayed);
    }

    private static long committedPosition(Serializer serializer, byte[] token, String tokenType) {
        if (token == null || tokenType == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        return tracking == null ? -1 : tracking.position().orElse(-1);
    }
}
