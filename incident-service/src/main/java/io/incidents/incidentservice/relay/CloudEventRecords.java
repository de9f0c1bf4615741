package io.incidents.incidentservice.relay;

import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.incidents.incidentservice.eventstore.EventMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;

import java.nio.charset.StandardCharsets;

/**
 * Turns a stored event into a Kafka record in CloudEvents 1.0 binary mode: the event JSON as
 * the value, the incident id as the key, and the attributes as {@code ce_} headers, plus the
 * extensions {@code ce_sequence} (the aggregate sequence number, for dedup and gap checks),
 * {@code ce_actor} and {@code ce_correlationid}.
 */
final class CloudEventRecords {

    static final String SPEC_VERSION = "ce_specversion";
    static final String ID = "ce_id";
    static final String TYPE = "ce_type";
    static final String SOURCE = "ce_source";
    static final String TIME = "ce_time";
    static final String SUBJECT = "ce_subject";
    static final String SEQUENCE = "ce_sequence";
    static final String ACTOR = "ce_actor";
    static final String CORRELATION_ID = "ce_correlationid";
    static final String CONTENT_TYPE = "content-type";

    private CloudEventRecords() {
    }

    static ProducerRecord<String, String> toRecord(String topic, String source, DomainEventMessage<?> message) {
        IncidentEvent event = (IncidentEvent) message.getPayload();
        RecordHeaders headers = new RecordHeaders();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, message.getIdentifier());
        add(headers, TYPE, EventTypes.cloudEventType(event.getClass()));
        add(headers, SOURCE, source);
        add(headers, TIME, event.occurredAt().toString());
        add(headers, SUBJECT, event.incidentId());
        add(headers, SEQUENCE, Long.toString(message.getSequenceNumber()));
        add(headers, CONTENT_TYPE, "application/json");
        Object actor = message.getMetaData().get(EventMetadata.ACTOR);
        if (actor != null) {
            add(headers, ACTOR, actor.toString());
        }
        Object correlationId = message.getMetaData().get(EventMetadata.CORRELATION_ID);
        if (correlationId != null) {
            add(headers, CORRELATION_ID, correlationId.toString());
        }
        return new ProducerRecord<>(topic, null, event.incidentId(), EventJson.write(event), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
