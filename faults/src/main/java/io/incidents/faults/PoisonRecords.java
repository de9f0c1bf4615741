package io.incidents.faults;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records no consumer can apply, written straight to the topics as a broken or hostile producer
 * would: on {@code incident-events} one that is not JSON, one of an unknown type and one without
 * its incident id; on {@code alerts} one that is not JSON and one without a dedup key. Each must be
 * parked (timeline-service's and notification-service's dead-letter tables, {@code alerts.DLT})
 * while everything behind it goes on.
 */
final class PoisonRecords implements Scenario {

    static final String EVENTS_TOPIC = "incident-events";
    static final String ALERTS_TOPIC = "alerts";
    static final String ALERTS_DEAD_LETTERS = "alerts.DLT";
    private static final int EVENT_POISON = 3;
    private static final int ALERT_POISON = 2;

    private long timelineBefore;
    private long notificationsBefore;
    private long alertDeadLettersBefore;

    @Override
    public String name() {
        return "poison records";
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        timelineBefore = ReadModels.deadLetters(context.databases(), Databases.TIMELINE);
        notificationsBefore = ReadModels.deadLetters(context.databases(), Databases.NOTIFICATIONS);
        alertDeadLettersBefore = context.kafka().size(ALERTS_DEAD_LETTERS);
        context.timersDueSoon();
        List<ProducerRecord<String, String>> poison = new ArrayList<>();
        String time = Instant.now().toString();
        poison.add(event("IncidentDeclared", "{not json", time));
        poison.add(event("NoSuchEvent", "{\"incidentId\":\"poison\"}", time));
        poison.add(event("IncidentStatusUpdated", "{\"phase\":\"INVESTIGATING\",\"message\":\"no incident id\"}", time));
        poison.add(new ProducerRecord<>(ALERTS_TOPIC, "poison", "{not json"));
        poison.add(new ProducerRecord<>(ALERTS_TOPIC, "poison", "{\"summary\":\"no dedup key\",\"severity\":\"critical\"}"));
        context.kafka().send(poison);
        return Instant.now();
    }

    @Override
    public Findings verify(FaultContext context) throws Exception {
        long timeline = ReadModels.deadLetters(context.databases(), Databases.TIMELINE) - timelineBefore;
        long notifications = ReadModels.deadLetters(context.databases(), Databases.NOTIFICATIONS) - notificationsBefore;
        long alerts = context.kafka().size(ALERTS_DEAD_LETTERS) - alertDeadLettersBefore;
        List<String> notes = new ArrayList<>();
        long lost = 0;
        lost += expect(notes, "timeline-service dead letters", timeline, EVENT_POISON);
        lost += expect(notes, "notification-service dead letters", notifications, EVENT_POISON);
        lost += expect(notes, "alerts.DLT records", alerts, ALERT_POISON);
        return new Findings(lost, 0, notes);
    }

    private static long expect(List<String> notes, String what, long got, long expected) {
        if (got != expected) {
            notes.add(what + ": " + got + " new, expected " + expected);
        }
        return Math.max(0, expected - got);
    }

    private static ProducerRecord<String, String> event(String type, String value, String time) {
        String incident = "poison-" + UUID.randomUUID();
        ProducerRecord<String, String> record = new ProducerRecord<>(EVENTS_TOPIC, incident, value);
        Kafka.header(record, "ce_specversion", "1.0");
        Kafka.header(record, "ce_id", UUID.randomUUID().toString());
        Kafka.header(record, "ce_type", "io.incidents.events." + type);
        Kafka.header(record, "ce_source", "/incident-service");
        Kafka.header(record, "ce_time", time);
        Kafka.header(record, "ce_subject", incident);
        Kafka.header(record, "ce_sequence", "0");
        Kafka.header(record, "content-type", "application/json");
        return record;
    }
}
