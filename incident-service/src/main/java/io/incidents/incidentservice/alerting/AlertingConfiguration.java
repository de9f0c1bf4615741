package io.incidents.incidentservice.alerting;

import io.incidents.support.events.DatabaseProbe;
import io.incidents.support.events.IncidentEventsErrorHandler;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import javax.sql.DataSource;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertingConfiguration.class);

    @Bean
    NewTopic alertsTopic(AlertingProperties properties) {
        return TopicBuilder.name(properties.kafkaTopic()).partitions(3).build();
    }

    @Bean
    NewTopic alertsDeadLetterTopic(AlertingProperties properties) {
        return TopicBuilder.name(properties.kafkaTopic() + ".DLT").partitions(3).build();
    }

    /** A record that fails on its own account is retried briefly, then parked on the DLT; an outage is waited out. */
    @Bean
    DefaultErrorHandler alertsErrorHandler(AlertingProperties properties, KafkaTemplate<String, String> kafkaTemplate,
                                           DataSource dataSource) {
        return IncidentEventsErrorHandler.create(kafkaTemplate, properties.kafkaTopic() + ".DLT",
                (record, exception) -> log.warn("Alert record {}-{}@{} parked on the DLT: {}", record.topic(),
                        record.partition(), record.offset(), IncidentEventsErrorHandler.reason(exception)),
                2, Duration.ofMillis(200), Duration.ofSeconds(2), new DatabaseProbe(dataSource));
    }
}
