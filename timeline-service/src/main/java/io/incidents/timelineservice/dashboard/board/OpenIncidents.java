package io.incidents.timelineservice.dashboard.board;

import io.incidents.timelineservice.dashboard.Changes;
import io.incidents.timelineservice.dashboard.LiveUpdates;
import io.incidents.timelineservice.incident.IncidentStatus;
import io.incidents.timelineservice.incident.IncidentSummary;
import io.incidents.timelineservice.ledger.EventLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open incidents' summaries, kept in memory between board requests: reading and parsing a
 * thousand of them was most of the cost of drawing the board. Loaded on first use; then each
 * batch of live updates re-reads the incidents it names before any page is sent it
 * ({@link LiveUpdates#beforeSending}), and a batch of "everything" (a replay's swap, a lost
 * database connection) drops them all for a fresh load. Every instance listens to every change,
 * so each instance's copy stays current.
 */
@Component
class OpenIncidents {

    private static final Logger log = LoggerFactory.getLogger(OpenIncidents.class);

    /** The open incidents as of one batch of changes. */
    record Snapshot(String token, List<IncidentSummary> summaries, boolean truncated) {
    }

    private final EventLedger ledger;
    private final Map<String, IncidentSummary> open = new HashMap<>();
    private boolean loaded;
    private boolean truncated;
    /** The latest batch heard of: a load reads the database after it, so it shows that batch and every one before. */
    private String token;

    OpenIncidents(EventLedger liveLedger, LiveUpdates live) {
        this.ledger = liveLedger;
        this.token = live.current();
        live.beforeSending(this::apply);
    }

    /** Every open incident known (the newest {@link BoardController#MAX_ROWS} at the last full load, and all changed since). */
    synchronized Snapshot all() {
        loadIfNeeded();
        return new Snapshot(token, List.copyOf(open.values()), truncated);
    }

    /** The latest batch of changes heard of. */
    synchronized String token() {
        return token;
    }

    /** Those of {@code ids} still open; the others have left the board. */
    synchronized List<IncidentSummary> of(Collection<String> ids) {
        loadIfNeeded();
        List<IncidentSummary> found = new ArrayList<>();
        ids.forEach(id -> {
            IncidentSummary summary = open.get(id);
            if (summary != null) {
                found.add(summary);
            }
        });
        return found;
    }

    private void loadIfNeeded() {
        if (loaded) {
            return;
        }
        List<IncidentSummary> all = ledger.openSummaries(BoardController.MAX_ROWS);
        open.clear();
        all.forEach(this::keep);
        truncated = all.size() >= BoardController.MAX_ROWS;
        loaded = true;
    }

    private synchronized void apply(Changes changes) {
        token = changes.token();
        if (!loaded) {
            return;
        }
        if (changes.everything()) {
            loaded = false;
            return;
        }
        try {
            changes.ids().forEach(open::remove);
            ledger.summaries(List.copyOf(changes.ids())).forEach(this::keep);
        } catch (RuntimeException e) {
            // Whatever was read is not to be trusted; the next use loads afresh.
            log.warn("Could not read the changed incidents; the board's copy is dropped: {}", e.toString());
            loaded = false;
        }
    }

    private void keep(IncidentSummary summary) {
        if (summary.view().status() != IncidentStatus.RESOLVED) {
            open.put(summary.view().incidentId(), summary);
        }
    }
}
