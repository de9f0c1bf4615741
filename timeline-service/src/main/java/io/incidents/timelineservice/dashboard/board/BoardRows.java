package io.incidents.timelineservice.dashboard.board;

import io.incidents.policy.RollbackDurations;
import io.incidents.timelineservice.dashboard.LevelHolders;
import io.incidents.timelineservice.incident.IncidentSummary;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The board's rows as one viewer sees them now, from the open incidents kept in memory. */
@Component
class BoardRows {

    private final OpenIncidents open;
    private final RollbackDurations durations;
    private final LevelHolders holders;
    private final Clock clock;
    private volatile CountsAt counts;

    private record CountsAt(String token, BoardCounts counts) {
    }

    BoardRows(OpenIncidents open, RollbackDurations durations, LevelHolders holders, Clock clock) {
        this.open = open;
        this.durations = durations;
        this.holders = holders;
        this.clock = clock;
    }

    /** The whole board, most urgent first, at most {@link BoardController#MAX_ROWS}. */
    Board all(String viewer) {
        OpenIncidents.Snapshot snapshot = open.all();
        List<BoardRow> rows = rows(snapshot.summaries(), viewer).stream()
                .sorted(BoardRow.ORDER).limit(BoardController.MAX_ROWS).toList();
        return new Board(snapshot.token(), rows, snapshot.truncated() || snapshot.summaries().size() > rows.size());
    }

    /**
     * The count cards as of the latest batch of changes, counted once per batch however many
     * boards are open (no card depends on who is looking).
     */
    BoardCounts counts() {
        CountsAt known = counts;
        if (known != null && known.token().equals(open.token())) {
            return known.counts(); // every open board but the first in a batch ends here, without copying anything
        }
        OpenIncidents.Snapshot snapshot = open.all();
        known = new CountsAt(snapshot.token(), BoardCounts.of(rows(snapshot.summaries(), "")));
        counts = known;
        return known.counts();
    }

    /** The rows of those of {@code ids} still open, in no particular order. */
    List<BoardRow> of(Collection<String> ids, String viewer) {
        return rows(open.of(ids), viewer);
    }

    private List<BoardRow> rows(List<IncidentSummary> summaries, String viewer) {
        Instant now = clock.instant();
        return summaries.stream().map(summary -> BoardRow.of(summary, durations, holders, viewer, now)).toList();
    }

    /**
     * @param token     the batch of live changes the rows show: the page's stream starts after it
     * @param truncated some open incidents are left out
     */
    record Board(String token, List<BoardRow> rows, boolean truncated) {
    }
}
