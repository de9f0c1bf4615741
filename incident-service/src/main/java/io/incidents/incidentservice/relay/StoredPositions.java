package io.incidents.incidentservice.relay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Where events sit in the event store ({@code domain_event_entry}), read through its indexes only. */
@Component
class StoredPositions {

    /** One stored event of an aggregate: its sequence number and its position in {@code global_index}. */
    record StoredPosition(long sequence, long position) {
    }

    private final JdbcTemplate jdbc;

    StoredPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest position stored (visible now), or 0 for an empty store. */
    long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /**
     * Aggregates with an event in the window whose sequence number is above the highest the relay
     * recorded (or that it never recorded): read by primary key range, so the cost is the window's,
     * not the store's.
     */
    List<String> aheadOfTheRecords(ReconciliationWindow window) {
        return jdbc.queryForList("""
                SELECT stored.aggregate_identifier
                FROM (SELECT aggregate_identifier, max(sequence_number) AS max_sequence FROM domain_event_entry
                      WHERE global_index > ? AND global_index <= ? GROUP BY aggregate_identifier) stored
                LEFT JOIN relay_progress recorded ON recorded.aggregate_identifier = stored.aggregate_identifier
                WHERE recorded.aggregate_identifier IS NULL OR recorded.max_sequence < stored.max_sequence
                ORDER BY stored.aggregate_identifier""", String.class, window.after(), window.through());
    }

    /** Every stored event of the aggregate, in sequence order. */
    List<StoredPosition> of(String aggregate) {
        return jdbc.query("SELECT sequence_number, global_index FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number",
                (row, i) -> new StoredPosition(row.getLong(1), row.getLong(2)), aggregate);
    }
}
