package io.incidents.timelineservice.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a replay safe with several instances of timeline-service (the {@code replay_state} row).
 * One replay at a time, whichever instance starts it ({@link #claim}). While its rebuild tables
 * are being filled, every instance's consumer applies each event to them as well as to the live
 * tables ({@link #rebuildingNow}): an event another instance consumes during the replay, past the
 * offsets the replay reads to, is in the rebuild tables when they are swapped in. The swap
 * ({@link #awaitConsumersBeforeSwap}) waits for every consumer transaction under way, which hold
 * a shared lock for their length. A replay whose owner stopped sending heartbeats for
 * {@link #STALE_AFTER} (it crashed) no longer holds anyone.
 */
@Component
public class RebuildFence {

    public static final Duration STALE_AFTER = Duration.ofSeconds(60);
    /** The advisory lock consumers share and the swap takes alone (any number, the same everywhere). */
    private static final long SWAP_LOCK = 0x7265706c6179L;

    private final JdbcTemplate jdbc;

    RebuildFence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inside a consumer's transaction: whether its event must go to the rebuild tables too. Holds
     * a shared lock until the transaction ends, so a swap waits for it.
     */
    public boolean rebuildingNow(Instant now) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(?)", SWAP_LOCK);
        // A statement of its own, so it reads the flag as of after the lock: after a swap that just committed.
        Boolean rebuilding = jdbc.queryForObject("SELECT rebuilding AND heartbeat_at > ? FROM replay_state WHERE id = 1",
                Boolean.class, Timestamp.from(now.minus(STALE_AFTER)));
        return Boolean.TRUE.equals(rebuilding);
    }

    /**
     * The same fence through other connections: the replay's swap runs as the schema owner, and
     * its lock and flag must be taken in that transaction, on that connection.
     */
    public RebuildFence through(JdbcTemplate connections) {
        return new RebuildFence(connections);
    }

    /** Makes {@code owner} the one replay running, unless another one (with a fresh heartbeat) is. */
    public boolean claim(String owner, Instant now) {
        return jdbc.update("UPDATE replay_state SET owner = ?, rebuilding = FALSE, heartbeat_at = ?"
                + " WHERE id = 1 AND (owner IS NULL OR owner = ? OR heartbeat_at <= ?)",
                owner, Timestamp.from(now), owner, Timestamp.from(now.minus(STALE_AFTER))) == 1;
    }

    /** The rebuild tables exist: from now on every consumer fills them too. */
    public void startRebuilding(String owner, Instant now) {
        jdbc.update("UPDATE replay_state SET rebuilding = TRUE, heartbeat_at = ? WHERE id = 1 AND owner = ?",
                Timestamp.from(now), owner);
    }

    public void heartbeat(String owner, Instant now) {
        jdbc.update("UPDATE replay_state SET heartbeat_at = ? WHERE id = 1 AND owner = ?", Timestamp.from(now), owner);
    }

    /**
     * First thing in the swap's transaction: waits for every consumer transaction under way (they
     * may be writing to the rebuild tables) and keeps new ones waiting until the swap commits.
     */
    public void awaitConsumersBeforeSwap() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SWAP_LOCK);
    }

    /** In the swap's transaction: once it commits, the rebuild tables are the live ones, so no consumer fills them twice. */
    public void stopRebuilding() {
        jdbc.update("UPDATE replay_state SET rebuilding = FALSE WHERE id = 1");
    }

    /** The replay is over (swapped in, or failed): consumers write to the live tables alone. */
    public void release(String owner) {
        jdbc.update("UPDATE replay_state SET owner = NULL, rebuilding = FALSE, heartbeat_at = NULL WHERE id = 1 AND owner = ?",
                owner);
    }
}
