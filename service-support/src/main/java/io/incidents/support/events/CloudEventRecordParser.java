package io.incidents.support.events;

import io.incidents.events.CloudEventHeaders;
import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** Reads an {@code incident-events} record (CloudEvents binary mode) into a {@link StoredEvent}. */
public final class CloudEventRecordParser {

    private CloudEventRecordParser() {
    }

    public static StoredEvent parse(ConsumerRecord<String, String> record) {
        String source = required(record, CloudEventHeaders.SOURCE);
        if (!EventTypes.SOURCE.equals(source)) {
            throw new PoisonRecordException("ce_source is " + truncate(source) + ", not " + EventTypes.SOURCE
                    + ": only incident-service writes incident-events");
        }
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String sequenceText = required(record, CloudEventHeaders.SEQUENCE);
        Class<? extends IncidentEvent> eventClass = EventTypes.forCloudEventType(type)
                .orElseThrow(() -> new PoisonRecordException("unknown event type " + type));
        if (record.value() == null) {
            throw new PoisonRecordException("record has no value");
        }
        long sequence;
        try {
            sequence = Long.parseLong(sequenceText);
        } catch (NumberFormatException e) {
            throw new PoisonRecordException("ce_sequence is not a number: " + sequenceText);
        }
        IncidentEvent event;
        try {
            event = EventJson.read(record.value(), eventClass);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("value is not a valid " + type + ": " + e.getMessage(), e);
        }
        if (event.incidentId() == null || event.occurredAt() == null) {
            throw new PoisonRecordException(type + " has no incidentId or no time");
        }
        if (record.key() != null && !record.key().equals(event.incidentId())) {
            throw new PoisonRecordException("record key " + record.key() + " is not the event's incident " + event.incidentId());
        }
        if (id.length() > 64 || event.incidentId().length() > 64 || sequence < 0) {
            throw new PoisonRecordException("event id or incident id longer than 64 characters, or a negative sequence");
        }
        return new StoredEvent(id, event.incidentId(), sequence, eventClass.getSimpleName(), event.occurredAt(),
                truncate(optional(record, CloudEventHeaders.ACTOR)), truncate(optional(record, CloudEventHeaders.CORRELATION_ID)), event);
    }

    /** Free-text headers are kept, but never longer than their columns. */
    private static String truncate(String value) {
        return value == null || value.length() <= 200 ? value : value.substring(0, 200);
    }

    /** The header's value; a record without it (or with it blank) can never be read: poison. */
    public static String required(ConsumerRecord<?, ?> record, String header) {
        String value = optional(record, header);
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("record has no " + header + " header");
        }
        return value;
    }

    /** The header's last value, null when the record has none. */
    public static String optional(ConsumerRecord<?, ?> record, String header) {
        Header last = record.headers().lastHeader(header);
        return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
