package io.incidents.support.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The {@code dead_letter} table every incident-events consumer keeps (each in its own database):
 * records parked on the dead-letter topic, where an operator can list them. Pass
 * {@link #record} to {@link IncidentEventsErrorHandler#create} as the recorder.
 */
public class DeadLetters {

    public record DeadLetter(long id, String topic, int partition, long offset, String key, String value, String error,
                             Instant failedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(ConsumerRecord<?, ?> record, Exception exception) {
        jdbc.update("INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, record_key, record_value, error, failed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                record.topic(), record.partition(), record.offset(), text(record.key()), text(record.value()),
                IncidentEventsErrorHandler.reason(exception), Timestamp.from(clock.instant()));
    }

    public List<DeadLetter> list(int limit) {
        return jdbc.query("SELECT * FROM dead_letter ORDER BY id DESC LIMIT ?", (row, i) -> new DeadLetter(
                row.getLong("id"), row.getString("topic"), row.getInt("kafka_partition"), row.getLong("kafka_offset"),
                row.getString("record_key"), row.getString("record_value"), row.getString("error"),
                row.getTimestamp("failed_at").toInstant()), limit);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
        return text.length() > 100_000 ? text.substring(0, 100_000) : text;
    }
}
