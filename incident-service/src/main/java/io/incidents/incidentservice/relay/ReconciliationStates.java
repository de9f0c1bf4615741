package io.incidents.incidentservice.relay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and moves the reconciler's progress. Whether a position has settled is PostgreSQL's word:
 * an event's position is taken inside the transaction that stores it, so once no transaction that
 * was open when the position was noted is still open, nothing can appear at or below it any more,
 * however late its transaction committed (a lock wait, a stalled connection, a pause).
 */
@Component
class ReconciliationStates {

    private final JdbcTemplate jdbc;
    private final StoredPositions stored;

    ReconciliationStates(JdbcTemplate jdbc, StoredPositions stored) {
        this.jdbc = jdbc;
        this.stored = stored;
    }

    ReconciliationState load() {
        return jdbc.queryForObject("SELECT unrecorded_through, checked_through, settling_through FROM relay_reconciliation"
                        + " WHERE id = 1",
                (row, i) -> new ReconciliationState(row.getLong(1), row.getLong(2), row.getObject(3, Long.class)));
    }

    /**
     * Whether every transaction of this database that was open when the settling position was
     * noted has ended. Sessions of other database users are not visible here without the
     * {@code pg_read_all_stats} role: the event store is written by this service's user alone.
     */
    boolean settlingEnded() {
        Boolean ended = jdbc.queryForObject("""
                SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity activity, relay_reconciliation state
                                   WHERE state.id = 1 AND activity.datname = current_database()
                                     AND activity.backend_type = 'client backend'
                                     AND activity.xact_start <= state.settling_since)""", Boolean.class);
        return Boolean.TRUE.equals(ended);
    }

    void checkedThrough(long position) {
        jdbc.update("UPDATE relay_reconciliation SET checked_through = ? WHERE id = 1", position);
    }

    /**
     * Notes the newest stored position and, afterwards, the moment: every position at or below it
     * was taken by a transaction that had started by then.
     */
    void startSettling() {
        long head = stored.head();
        jdbc.update("UPDATE relay_reconciliation SET settling_through = ?, settling_since = clock_timestamp() WHERE id = 1",
                head);
    }
}
