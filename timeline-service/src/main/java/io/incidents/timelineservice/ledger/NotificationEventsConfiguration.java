package io.incidents.timelineservice.ledger;

import io.incidents.support.events.DatabaseProbe;
import io.incidents.support.events.DeadLetters;
import io.incidents.support.events.IncidentEventsErrorHandler;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;

/**
 * The topics and the listener container of {@code notification-events}.
 * <p>
 * The topic is declared here as well as by notification-service, which publishes on it, with the
 * same layout (6 partitions, kept forever): whichever service starts first creates it (service-support's
 * {@code OwnTopic}: created when missing, as soon as the broker answers; an existing one is left as it is,
 * and a creation raced by the other service is taken as done), so timeline-service starts and consumes
 * whatever the order the services start in.
 */
@Configuration(proxyBeanMethods = false)
class NotificationEventsConfiguration {

    static final String CONTAINER_FACTORY = "notificationEventsContainerFactory";

    @Bean
    NewTopic notificationEventsTopic(NotificationEventsProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    NewTopic notificationEventsDeadLetterTopic(NotificationEventsProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    /**
     * Boot's settings (batch acknowledgement, the consumer group settings) with an error handler of
     * its own, parking on {@code notification-events.DLT}. The handler is no bean: a second
     * {@code CommonErrorHandler} bean would leave Boot's default factory (incident-events) with none.
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> notificationEventsContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
            KafkaTemplate<String, String> kafkaTemplate, DeadLetters deadLetters, DataSource dataSource,
            TimelineProperties timeline, NotificationEventsProperties properties) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(IncidentEventsErrorHandler.create(kafkaTemplate, properties.deadLetterTopic(),
                deadLetters::record, timeline.poisonRetries(), timeline.poisonBackoff(), timeline.failureBackoff(),
                new DatabaseProbe(dataSource)));
        return factory;
    }
}
