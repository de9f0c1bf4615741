package io.incidents.timelineservice;

import io.incidents.events.CloudEventHeaders;
import io.incidents.events.EventJson;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.testsupport.EventFeed;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Plays notification-service's part in tests: publishes on {@code notification-events} as it
 * does (CloudEvents binary headers, {@code ce_type = notification.<Name>.v1}, {@code ce_source =
 * notification-service}, {@code ce_subject} and key = incident id, the event as JSON).
 */
public final class NotificationFeed implements AutoCloseable {

    public static final String TOPIC = NotificationEventTypes.TOPIC;

    /** Any EventFeed sends a record as it is given; this one's topic is never used. */
    private final EventFeed sender = new EventFeed(TOPIC);

    /** A record as notification-service publishes it, with a new {@code ce_id}. */
    public static ProducerRecord<String, String> record(NotificationEvent event) {
        return record(event, UUID.randomUUID().toString());
    }

    public static ProducerRecord<String, String> record(NotificationEvent event, String eventId) {
        return record(event, eventId, NotificationEventTypes.cloudEventType(event.getClass()), NotificationEventTypes.SOURCE);
    }

    /** A record with the headers given: another type or source than the event's own. */
    public static ProducerRecord<String, String> record(NotificationEvent event, String eventId, String type, String source) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        add(headers, CloudEventHeaders.ID, eventId);
        add(headers, CloudEventHeaders.TYPE, type);
        add(headers, CloudEventHeaders.SOURCE, source);
        add(headers, CloudEventHeaders.TIME, event.occurredAt().toString());
        add(headers, CloudEventHeaders.SUBJECT, event.incidentId());
        add(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return new ProducerRecord<>(TOPIC, null, event.incidentId(), EventJson.write(event), headers);
    }

    /** Publishes each event with a new {@code ce_id}; returns the records sent. */
    public List<ProducerRecord<String, String>> publish(NotificationEvent... events) {
        List<ProducerRecord<String, String>> records = java.util.Arrays.stream(events).map(NotificationFeed::record).toList();
        records.forEach(this::send);
        return records;
    }

    /** Sends a record as it is (a copy, a foreign one), through test-support's producer. */
    public void send(ProducerRecord<String, String> record) {
        sender.send(record);
    }

    public static String id(ProducerRecord<String, String> record) {
        var header = record.headers().lastHeader(CloudEventHeaders.ID);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        sender.close();
    }
}
