package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.support.events.PoisonRecordException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Native alerts from the {@code alerts} topic, for services that prefer a topic to HTTP. They
 * count as the configured Kafka integration (topic access is the authentication); an unreadable
 * record is parked on {@code alerts.DLT}.
 */
@Component
class AlertsTopicListener {

    private final ObjectMapper json;
    private final Validator validator;
    private final AlertProcessor processor;
    private final AlertingProperties.Integration integration;

    AlertsTopicListener(ObjectMapper json, Validator validator, AlertProcessor processor, AlertingProperties properties,
                        Integrations integrations) {
        this.json = json;
        this.validator = validator;
        this.processor = processor;
        this.integration = integrations.configured(properties.kafkaIntegration())
                .orElse(new AlertingProperties.Integration(properties.kafkaIntegration(), null, null, true, null));
    }

    // The consumer group is spring.kafka.consumer.group-id, not the listener's id.
    @KafkaListener(id = "alerts-listener", idIsGroup = false, topics = "${incidents.alerting.kafka-topic:alerts}")
    void on(ConsumerRecord<String, String> record) {
        NativeAlert alert;
        try {
            alert = json.readValue(record.value() == null ? "" : record.value(), NativeAlert.class);
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("not a native alert: " + e.getOriginalMessage(), e);
        }
        if (alert == null) {
            throw new PoisonRecordException("the record holds no alert (null)");
        }
        Set<ConstraintViolation<NativeAlert>> violations = validator.validate(alert);
        if (!violations.isEmpty()) {
            throw new PoisonRecordException("invalid alert: " + violations.iterator().next().getPropertyPath() + " "
                    + violations.iterator().next().getMessage());
        }
        try {
            processor.process(integration, alert.toAlert());
        } catch (AlertRejected e) {
            throw new PoisonRecordException("invalid alert: " + e.getMessage(), e);
        }
    }
}
