package io.incidents.incidentservice.relay;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The record of what the relay has published, per aggregate (table {@code relay_progress}): the
 * first sequence number recorded, the highest, and how many distinct ones. The relay writes it in
 * the transaction that stores its token, so it says exactly what the broker confirmed; the
 * reconciler reads it, and corrects it after publishing what was missing.
 */
@Component
class RelayProgress {

    /**
     * A publication counts only above the highest one recorded: a copy sent again (a retried
     * batch, a token reset) changes nothing, so the count stays the number of distinct events.
     */
    private static final String RECORD_PUBLISHED = """
            INSERT INTO relay_progress AS p (aggregate_identifier, first_sequence, max_sequence, published_count)
            VALUES (?, ?, ?, 1)
            ON CONFLICT (aggregate_identifier) DO UPDATE
                SET max_sequence = excluded.max_sequence, published_count = p.published_count + 1
                WHERE excluded.max_sequence > p.max_sequence""";

    private final JdbcTemplate jdbc;

    RelayProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the caller's transaction, in the order given (each aggregate's events in sequence order). */
    void recordPublished(List<? extends DomainEventMessage<?>> events) {
        jdbc.batchUpdate(RECORD_PUBLISHED, events, events.size(), (statement, event) -> {
            statement.setString(1, event.getAggregateIdentifier());
            statement.setLong(2, event.getSequenceNumber());
            statement.setLong(3, event.getSequenceNumber());
        });
    }

    /** Aggregates whose record says an event is missing or starts above 0, at most {@code limit}. */
    List<String> incomplete(int limit) {
        return jdbc.queryForList("SELECT aggregate_identifier FROM relay_progress WHERE published_count <> max_sequence + 1"
                + " ORDER BY aggregate_identifier LIMIT ?", String.class, limit);
    }

    /**
     * In the caller's transaction: the aggregate's record, locked until the transaction ends, so
     * the relay cannot add to it meanwhile (it waits). An aggregate the relay never recorded gets
     * an empty record ({@link PublishedRecord#NOTHING}), locked the same way.
     */
    PublishedRecord lock(String aggregate) {
        Optional<PublishedRecord> recorded = selectForUpdate(aggregate);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        jdbc.update("INSERT INTO relay_progress (aggregate_identifier, first_sequence, max_sequence, published_count)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (aggregate_identifier) DO NOTHING", aggregate,
                PublishedRecord.NOTHING.firstSequence(), PublishedRecord.NOTHING.maxSequence(),
                PublishedRecord.NOTHING.publishedCount());
        return selectForUpdate(aggregate).orElseThrow();
    }

    /** Replaces the aggregate's record; an empty one is removed, so the relay starts it afresh. */
    void write(String aggregate, PublishedRecord record) {
        if (record.maxSequence() < 0) {
            jdbc.update("DELETE FROM relay_progress WHERE aggregate_identifier = ?", aggregate);
            return;
        }
        jdbc.update("UPDATE relay_progress SET first_sequence = ?, max_sequence = ?, published_count = ?"
                + " WHERE aggregate_identifier = ?",
                record.firstSequence(), record.maxSequence(), record.publishedCount(), aggregate);
    }

    private Optional<PublishedRecord> selectForUpdate(String aggregate) {
        return jdbc.query("SELECT first_sequence, max_sequence, published_count FROM relay_progress"
                        + " WHERE aggregate_identifier = ? FOR UPDATE",
                (row, i) -> new PublishedRecord(row.getLong(1), row.getLong(2), row.getLong(3)), aggregate)
                .stream().findFirst();
    }
}
