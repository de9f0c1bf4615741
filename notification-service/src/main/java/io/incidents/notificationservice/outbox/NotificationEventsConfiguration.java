package io.incidents.notificationservice.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class NotificationEventsConfiguration {

    /**
     * Created here when missing (service-support's guard, also once a broker that was away answers),
     * like this service's other topics: replication as the broker's default, kept forever
     * (timeline-service replays it from the start); an existing topic is left as it is.
     */
    @Bean
    NewTopic notificationEventsTopic(NotificationEventsProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .build();
    }

    /** Through the service's producer: acks=all and idempotent (application.yml). */
    @Bean
    NotificationEventsPublisher notificationEventsPublisher(NotificationEventsOutbox outbox,
                                                            KafkaTemplate<String, String> kafkaTemplate,
                                                            TransactionTemplate transactions,
                                                            NotificationEventsProperties properties, Clock clock,
                                                            MeterRegistry meters) {
        return new NotificationEventsPublisher(outbox, kafkaTemplate::send, transactions, properties, clock, meters);
    }

    /**
     * A batch given up on while the producer still retries it would be sent twice, and its tail
     * could overtake its head: the publisher must wait longer than the producer's
     * {@code delivery.timeout.ms} (Kafka's default 120 s when not set).
     */
    @Bean
    InitializingBean notificationEventsSendTimeoutCheck(NotificationEventsProperties properties, KafkaProperties kafka) {
        return () -> {
            String configured = kafka.getProducer().getProperties().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
            Duration delivery = Duration.ofMillis(configured == null ? 120_000 : Long.parseLong(configured.trim()));
            if (properties.sendTimeout().compareTo(delivery) <= 0) {
                throw new IllegalStateException("notifications.outbox.send-timeout (" + properties.sendTimeout()
                        + ") must be longer than the producer's delivery.timeout.ms (" + delivery + ")");
            }
        };
    }
}
