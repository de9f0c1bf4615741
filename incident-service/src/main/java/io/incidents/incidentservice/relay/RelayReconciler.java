package io.incidents.incidentservice.relay;

import io.incidents.support.events.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds events the relay never published and publishes them (review M3). The event store's gap
 * handling can still pass over an event whose transaction commits very late (after the gap
 * timeout, or further than max-gap-offset behind); nothing else would ever send it.
 * <p>
 * Each run, on one instance at a time (a PostgreSQL advisory lock), compares the relay's records
 * ({@link RelayProgress}) with the event store in two cheap ways:
 * <ul>
 *   <li>records that say an event is missing below the highest one published (the relay
 *       published a later event of the same aggregate), found through a partial index;</li>
 *   <li>the events stored since the last run, in windows of {@value #WINDOW} positions, up to
 *       where both the relay is done and every transaction that could still store an event has
 *       ended ({@link ReconciliationWindow}): an aggregate with an event above its record lost
 *       its last events.</li>
 * </ul>
 * What is missing is published again ({@link AggregateRepair}) and the record corrected. The
 * window already checked is remembered, so a run reads only what was stored since the last one,
 * however large the store.
 */
@Component
class RelayReconciler {

    /** The outcome of one run. */
    record Run(boolean ran, int republished, long checkedThrough) {

        static final Run BUSY = new Run(false, 0, -1);
    }

    private static final Logger log = LoggerFactory.getLogger(RelayReconciler.class);

    /** Held by the instance reconciling: "relayrec" in ASCII, any number the same everywhere. */
    static final long LOCK = 0x72656c6179726563L;
    /** Positions one window statement reads at most. */
    static final int WINDOW = 10_000;
    /** Incomplete records looked at per run (each is rare: one the relay skipped an event of). */
    private static final int INCOMPLETE_PER_RUN = 1_000;

    private final JdbcTemplate jdbc;
    private final RelayTokens relayTokens;
    private final ReconciliationStates states;
    private final StoredPositions stored;
    private final RelayProgress progress;
    private final AggregateRepair repair;

    RelayReconciler(JdbcTemplate jdbc, RelayTokens relayTokens, ReconciliationStates states, StoredPositions stored,
                    RelayProgress progress, AggregateRepair repair) {
        this.jdbc = jdbc;
        this.relayTokens = relayTokens;
        this.states = states;
        this.stored = stored;
        this.progress = progress;
        this.repair = repair;
    }

    /** The scheduled run: an outage (database, broker) is a warning, and the next run tries again. */
    void scheduledRun() {
        try {
            Run run = reconcile();
            if (run.ran()) {
                log.debug("Relay reconciliation checked through position {}, {} event(s) published again",
                        run.checkedThrough(), run.republished());
            }
        } catch (RuntimeException e) {
            if (!Failures.isOutage(e) && !(e instanceof BrokerAcknowledgements.RelayFailedException)) {
                throw e;
            }
            log.warn("Relay reconciliation stopped, tried again at its next run: {}", e.toString());
        }
    }

    /** One run, unless another instance is running one ({@link Run#BUSY}). */
    Run reconcile() {
        return jdbc.execute((ConnectionCallback<Run>) connection -> {
            if (!advisoryLock(connection, "pg_try_advisory_lock")) {
                return Run.BUSY;
            }
            try {
                return reconcileAlone();
            } finally {
                advisoryLock(connection, "pg_advisory_unlock");
            }
        });
    }

    private Run reconcileAlone() {
        ReconciliationState state = states.load();
        Optional<RelayPosition> relay = relayTokens.committed();
        if (relay.isEmpty()) {
            return new Run(true, 0, state.checkedThrough());
        }
        // Asked before the windows are read: they then see every event at or below the settled position.
        long settledThrough = state.settledThrough(state.settlingThrough() != null && states.settlingEnded());
        int republished = 0;
        for (String aggregate : progress.incomplete(INCOMPLETE_PER_RUN)) {
            republished += repair.repair(aggregate, state.unrecordedThrough());
        }
        long checkedThrough = state.checkedThrough();
        Optional<ReconciliationWindow> window;
        while ((window = ReconciliationWindow.next(checkedThrough, settledThrough, relay.get().doneThrough(), WINDOW))
                .isPresent()) {
            for (String aggregate : stored.aheadOfTheRecords(window.get())) {
                republished += repair.repair(aggregate, state.unrecordedThrough());
            }
            checkedThrough = window.get().through();
            states.checkedThrough(checkedThrough);
        }
        if (ReconciliationState.needsSettlingPosition(state.settlingThrough(), checkedThrough)) {
            states.startSettling();
        }
        return new Run(true, republished, checkedThrough);
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
