package io.incidents.timelineservice.ledger;

import java.util.List;

/**
 * The names of one generation of the read-model tables: the live ones, or the set a replay
 * fills before it swaps them in.
 *
 * @param notifications the copies of {@code notification-events} (V8)
 */
public record LedgerTables(String events, String summaries, String gaps, String sla, String notifications) {

    public static final LedgerTables LIVE = new LedgerTables("incident_event", "incident_summary", "sequence_gap",
            "incident_sla", "notification_event");
    public static final LedgerTables REBUILD = new LedgerTables("incident_event_rebuild", "incident_summary_rebuild",
            "sequence_gap_rebuild", "incident_sla_rebuild", "notification_event_rebuild");

    /** Each table of this generation, in the same order for every generation. */
    public List<String> all() {
        return List.of(events, summaries, gaps, sla, notifications);
    }
}
