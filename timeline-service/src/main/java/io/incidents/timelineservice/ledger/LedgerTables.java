package io.incidents.timelineservice.ledger;

/**
 * The names of one generation of the read-model tables: the live ones, or the set a replay
 * fills before it swaps them in.
 *
 * @param growingFromEmpty the tables are filled from empty while being written: a query plan
 *                         PostgreSQL made and cached while they were small (a sequential scan)
 *                         must not be used once they are large, so each statement is planned
 *                         for the tables as they are then
 */
public record LedgerTables(String events, String summaries, String gaps, boolean growingFromEmpty) {

    public static final LedgerTables LIVE = new LedgerTables("incident_event", "incident_summary", "sequence_gap", false);
    public static final LedgerTables REBUILD = new LedgerTables("incident_event_rebuild", "incident_summary_rebuild",
            "sequence_gap_rebuild", true);

    /** Each table of this generation. */
    public java.util.List<String> all() {
        return java.util.List.of(events, summaries, gaps);
    }
}
