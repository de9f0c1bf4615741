package io.incidents.incidentservice.relay;

import io.incidents.events.EventJson;

import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.incidents.incidentservice.eventstore.EventMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;

import java.nio.charset.StandardCharsets;

import static io.incidents.events.CloudEventHeaders.ACTOR;
import static io.incidents.events.CloudEventHeaders.CONTENT_TYPE;
import static io.incidents.events.CloudEventHeaders.CORRELATION_ID;
import static io.incidents.events.CloudEventHeaders.ID;
import static io.incidents.events.CloudEventHeaders.IMPORTED;
import static io.incidents.events.CloudEventHeaders.SEQUENCE;
import static io.incidents.events.CloudEventHeaders.SOURCE;
import static io.incidents.events.CloudEventHeaders.SPEC_VERSION;
import static io.incidents.events.CloudEventHeaders.SUBJECT;
import static io.incidents.events.CloudEventHeaders.TIME;
import static io.incidents.events.CloudEventHeaders.TYPE;

/**
 * Turns a stored event into a Kafka record in CloudEvents 1.0 binary mode: the event JSON as
 * the value, the incident id as the key, the attributes and extensions as the headers of
 * {@link io.incidents.events.CloudEventHeaders}.
 */
final class CloudEventRecords {

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
        if (EventMetadata.isImported(message.getMetaData())) {
            add(headers, IMPORTED, "true");
        }
        return new ProducerRecord<>(topic, null, event.incidentId(), EventJson.write(event), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
