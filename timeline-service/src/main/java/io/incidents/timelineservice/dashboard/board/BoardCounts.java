package io.incidents.timelineservice.dashboard.board;

import java.util.Collection;
import java.util.Map;

/** The board's count cards: over every open incident, whatever the board's filters show. */
record BoardCounts(long unacknowledged, long breaching, long rollbacks, long escalated) {

    static BoardCounts of(Collection<BoardRow> rows) {
        return new BoardCounts(
                rows.stream().filter(BoardRow::unacknowledged).count(),
                rows.stream().filter(BoardRow::breaching).count(),
                rows.stream().filter(row -> row.rollback() != null).count(),
                rows.stream().filter(row -> row.escalationLevel() >= 2).count());
    }

    /** As the page's cards are named (ids {@code count-<name>}), for the template and the live stream. */
    Map<String, Long> byCard() {
        return Map.of("unacknowledged", unacknowledged, "breaching", breaching, "rollbacks", rollbacks, "escalated", escalated);
    }
}
