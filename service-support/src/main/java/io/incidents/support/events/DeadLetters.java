package io.incidents.support.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code dead_letter} table every incident-events consumer keeps (each in its own database):
 * records parked on the dead-letter topic, with their error, where an operator can list them and,
 * once the cause is fixed, re-drive them: the record (headers included) is handed to the
 * consumer's own processing again, in-process, and marked re-driven when that succeeds. Pass
 * {@link #record} to {@link IncidentEventsErrorHandler#create} as the recorder.
 */
public class DeadLetters {

    public record DeadLetter(long id, String topic, int partition, long offset, String key, String value, String error,
                             Instant failedAt, Instant redrivenAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(ConsumerRecord<?, ?> record, Exception exception) {
        jdbc.update("INSERT INTO dead_letter (topic, kafka_partition, kafka_offset, record_key, record_value, record_headers,"
                        + " error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (topic, kafka_partition, kafka_offset) DO UPDATE SET error = EXCLUDED.error,"
                        + " failed_at = EXCLUDED.failed_at, redriven_at = NULL",
                record.topic(), record.partition(), record.offset(), text(record.key()), text(record.value()),
                headers(record), IncidentEventsErrorHandler.reason(exception), Timestamp.from(clock.instant()));
    }

    public List<DeadLetter> list(int limit) {
        return jdbc.query("SELECT * FROM dead_letter ORDER BY id DESC LIMIT ?", (row, i) -> new DeadLetter(
                row.getLong("id"), row.getString("topic"), row.getInt("kafka_partition"), row.getLong("kafka_offset"),
                row.getString("record_key"), row.getString("record_value"), row.getString("error"),
                row.getTimestamp("failed_at").toInstant(), instant(row.getTimestamp("redriven_at"))), limit);
    }

    /** What re-driving dead letter {@code id} came to. */
    public enum Redrive { DONE, ALREADY_DONE, UNKNOWN }

    /**
     * Hands the parked record to {@code processing} again (as the consumer would have, headers
     * and all) and marks it re-driven if that succeeds. If it fails, the dead letter keeps the
     * new error and the failure is thrown to the caller.
     */
    public Redrive redrive(long id, Consumer<ConsumerRecord<String, String>> processing) {
        List<ConsumerRecord<String, String>> found = jdbc.query("SELECT * FROM dead_letter WHERE id = ?", (row, i) -> {
            if (row.getTimestamp("redriven_at") != null) {
                return null;
            }
            ConsumerRecord<String, String> record = new ConsumerRecord<>(row.getString("topic"), row.getInt("kafka_partition"),
                    row.getLong("kafka_offset"), row.getString("record_key"), row.getString("record_value"));
            readHeaders(row.getString("record_headers")).forEach((name, value) ->
                    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return record;
        }, id);
        if (found.isEmpty()) {
            return Redrive.UNKNOWN;
        }
        if (found.get(0) == null) {
            return Redrive.ALREADY_DONE;
        }
        ConsumerRecord<String, String> record = found.get(0);
        try {
            processing.accept(record);
        } catch (RuntimeException e) {
            jdbc.update("UPDATE dead_letter SET error = ?, failed_at = ? WHERE id = ?", IncidentEventsErrorHandler.reason(e),
                    Timestamp.from(clock.instant()), id);
            throw e;
        }
        jdbc.update("UPDATE dead_letter SET redriven_at = ? WHERE id = ?", Timestamp.from(clock.instant()), id);
        return Redrive.DONE;
    }

    /**
     * {@link #redrive} as an admin endpoint answers it: a refusal becomes 404 (unknown), 409
     * (re-driven already) or 422 (still fails, with the new error); an outage propagates (503).
     */
    public void redriveOrRefuse(long id, Consumer<ConsumerRecord<String, String>> processing) {
        Redrive outcome;
        try {
            outcome = redrive(id, processing);
        } catch (RuntimeException e) {
            if (Failures.isOutage(e)) {
                throw e;
            }
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Dead letter " + id + " still fails: " + IncidentEventsErrorHandler.reason(e));
        }
        switch (outcome) {
            case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead letter " + id);
            case ALREADY_DONE -> throw new ResponseStatusException(HttpStatus.CONFLICT, "Dead letter " + id + " was re-driven already");
            case DONE -> {
                // Applied: the caller records it in the audit log.
            }
        }
    }

    private static String headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers always make JSON", e);
        }
    }

    private static Map<String, String> readHeaders(String json) {
        if (json == null) {
            return Map.of(); // parked before headers were kept
        }
        try {
            return JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead_letter.record_headers is not the JSON this class writes", e);
        }
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return text.length() > 100_000 ? text.substring(0, 100_000) : text;
    }
}
