package io.incidents.notificationservice.incident;

import io.incidents.support.events.IncidentEventsErrorHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/** Unreadable incident-event records, parked on the DLT and kept here where an operator can see them. */
@Component
public class DeadLetterRecorder {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeadLetterRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(ConsumerRecord<?, ?> record, Exception exception) {
        jdbc.update("INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, record_key, record_value, error, failed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                record.topic(), record.partition(), record.offset(), record.key() == null ? null : record.key().toString(),
                record.value() == null ? null : record.value().toString(), IncidentEventsErrorHandler.reason(exception),
                Timestamp.from(clock.instant()));
    }
}
