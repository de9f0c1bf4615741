package io.incidents.testsupport;

import io.incidents.events.CloudEventHeaders;
import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.IncidentEvent;
import io.incidents.support.events.StoredEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays incident-service's part in tests: numbers each incident's events from 0 and publishes
 * them as incident-service does (CloudEvents binary headers, key = incident id), or hands
 * them out as stored events for unit tests.
 */
public final class EventFeed implements AutoCloseable {

    private final String topic;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<ProducerRecord<String, String>> sent = new ArrayList<>();
    private KafkaProducer<String, String> producer;

    public EventFeed(String topic) {
        this.topic = topic;
    }

    /** Numbers the events of their incidents in order, as the aggregate would. */
    public static List<StoredEvent> stored(String actor, IncidentEvent... events) {
        EventFeed feed = new EventFeed("unused");
        List<StoredEvent> stored = new ArrayList<>();
        for (IncidentEvent event : events) {
            ProducerRecord<String, String> record = feed.record(event, actor);
            stored.add(new StoredEvent(header(record, CloudEventHeaders.ID), event.incidentId(),
                    Long.parseLong(header(record, CloudEventHeaders.SEQUENCE)), event.getClass().getSimpleName(),
                    event.occurredAt(), actor, null, event));
        }
        return stored;
    }

    /** Publishes the events (numbered per incident) and returns the records sent. */
    public List<ProducerRecord<String, String>> publish(String actor, IncidentEvent... events) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (IncidentEvent event : events) {
            records.add(record(event, actor));
        }
        records.forEach(this::send);
        return records;
    }

    /** Sends a record as it is: a duplicate, a record with a gap before it, a broken one. */
    public void send(ProducerRecord<String, String> record) {
        try {
            producer().send(record).get();
            sent.add(record);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    public ProducerRecord<String, String> record(IncidentEvent event, String actor) {
        long sequence = sequences.merge(event.incidentId(), 1L, Long::sum) - 1;
        return record(event, actor, sequence, UUID.randomUUID().toString());
    }

    public ProducerRecord<String, String> record(IncidentEvent event, String actor, long sequence, String eventId) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        add(headers, CloudEventHeaders.ID, eventId);
        add(headers, CloudEventHeaders.TYPE, EventTypes.cloudEventType(event.getClass()));
        add(headers, CloudEventHeaders.SOURCE, "/incident-service");
        add(headers, CloudEventHeaders.TIME, event.occurredAt().toString());
        add(headers, CloudEventHeaders.SUBJECT, event.incidentId());
        add(headers, CloudEventHeaders.SEQUENCE, Long.toString(sequence));
        add(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        if (actor != null) {
            add(headers, CloudEventHeaders.ACTOR, actor);
        }
        return new ProducerRecord<>(topic, null, event.incidentId(), EventJson.write(event), headers);
    }

    public static String header(ProducerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all"));
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
