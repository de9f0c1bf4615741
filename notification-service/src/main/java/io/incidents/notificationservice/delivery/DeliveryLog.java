package io.incidents.notificationservice.delivery;

import io.incidents.events.notification.MessageRequeued;
import io.incidents.notificationservice.routing.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The delivery log: one row per (event, channel, recipient), never two. What its marks record
 * (sent, a first failure, parked, due again) is published on {@code notification-events}
 * ({@link MessageEvents}) from the same transaction, and only when the mark took effect: a
 * worker whose claim is gone records nothing and publishes nothing.
 */
@Repository
public class DeliveryLog {

    private static final RowMapper<Delivery> DELIVERY = delivery("next_attempt_at");

    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final MessageEvents events;

    DeliveryLog(JdbcTemplate jdbc, TransactionOperations transactions, MessageEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /** Records a message to send; false when this (event, channel, recipient) was recorded before. */
    public boolean enqueue(String eventId, String incidentId, Channel channel, String recipient, String template,
                           String subject, String body, Instant now) {
        return insert(eventId, incidentId, channel, recipient, template, subject, body, Delivery.Status.PENDING, now) > 0;
    }

    /** Records a message delivered on the spot (the status page is ours: posting to it cannot fail). */
    public boolean recordDelivered(String eventId, String incidentId, Channel channel, String recipient, String template,
                                   String subject, String body, Instant now) {
        return insert(eventId, incidentId, channel, recipient, template, subject, body, Delivery.Status.SENT, now) > 0;
    }

    private int insert(String eventId, String incidentId, Channel channel, String recipient, String template, String subject,
                       String body, Delivery.Status status, Instant now) {
        return jdbc.update("INSERT INTO delivery (event_id, incident_id, channel, recipient, template, subject, body, status,"
                        + " next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                eventId, incidentId, channel.name(), recipient, template, subject, body, status.name(), Timestamp.from(now),
                Timestamp.from(now), status == Delivery.Status.SENT ? Timestamp.from(now) : null);
    }

    /**
     * Claims up to {@code limit} due messages for one sending attempt under a fresh claim: their
     * next attempt moves {@code lease} ahead, so another worker (or this one after a crash) only
     * takes them again once the lease has run out, and then under a claim of its own, which
     * fences this one out: every mark below needs the claim the row carries now. Messages to the
     * {@code busy} destinations (as {@link Delivery#destination()} names them) are left to the
     * worker already sending to them. In the order they fell due; each claimed message's
     * {@link Delivery#nextAttemptAt()} is when it fell due, not the lease's end, so that handing it
     * back untried puts it back in its place.
     */
    public List<Delivery> claimDue(Instant now, int limit, Duration lease, Collection<String> busy) {
        return claim("channel || ' ' || recipient <> ALL (?)", limit, now, lease, (Object) busy.toArray(String[]::new));
    }

    /**
     * Claims the next due message to the destination {@code sent} went to, as {@link #claimDue}
     * does; empty when none is due. A worker that got a message through goes on with its
     * destination's backlog this way instead of waiting for the next poll.
     */
    public Optional<Delivery> claimNextFor(Delivery sent, Instant now, Duration lease) {
        return claim("channel = ? AND recipient = ?", 1, now, lease, sent.channel().name(), sent.recipient())
                .stream().findFirst();
    }

    private List<Delivery> claim(String which, int limit, Instant now, Duration lease, Object... whichArguments) {
        List<Object> arguments = new ArrayList<>(List.of(Timestamp.from(now)));
        arguments.addAll(List.of(whichArguments));
        arguments.addAll(List.of(limit, Timestamp.from(now.plus(lease)), UUID.randomUUID()));
        List<Delivery> claimed = jdbc.query("WITH due AS (SELECT id, next_attempt_at FROM delivery"
                        + " WHERE status = 'PENDING' AND next_attempt_at <= ? AND " + which
                        + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " UPDATE delivery d SET next_attempt_at = ?, claim_id = ? FROM due WHERE d.id = due.id"
                        + " RETURNING d.*, due.next_attempt_at AS due_at",
                delivery("due_at"), arguments.toArray());
        // An UPDATE returns its rows in no particular order.
        return claimed.stream().sorted(Comparator.comparing(Delivery::nextAttemptAt).thenComparingLong(Delivery::id)).toList();
    }

    /** Hands a claimed message back untried, to be claimed again at {@code at}; false if the claim was lost. */
    public boolean release(Delivery claimed, Instant at) {
        return jdbc.update("UPDATE delivery SET next_attempt_at = ?, claim_id = NULL WHERE id = ? AND claim_id = ?"
                + " AND status = 'PENDING'", Timestamp.from(at), claimed.id(), claimed.claimId()) > 0;
    }

    /**
     * Records that the other side took it, and publishes {@code MessageDelivered}; false if the
     * claim was lost (another worker has it now).
     */
    public boolean markSent(Delivery claimed, Instant now) {
        return marked("UPDATE delivery SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_attempt_at = ?,"
                        + " last_error = NULL, outcome_unknown = FALSE, parked_at = NULL, claim_id = NULL"
                        + " WHERE id = ? AND claim_id = ? AND status = 'PENDING' RETURNING *",
                events::delivered, Timestamp.from(now), Timestamp.from(now), claimed.id(), claimed.claimId());
    }

    /**
     * Records a failed attempt, to be retried at {@code nextAttemptAt}; false if the claim was lost.
     * The first failure of a run ({@code failingSince} was not set) publishes {@code MessageFailed};
     * the retries that follow do not.
     */
    public boolean markFailed(Delivery claimed, String error, boolean outcomeUnknown, Instant now, Instant failingSince,
                              Instant nextAttemptAt) {
        boolean firstFailure = claimed.failingSince() == null;
        return marked("UPDATE delivery SET attempts = attempts + 1, failures = failures + 1, last_error = ?,"
                        + " outcome_unknown = ?, last_attempt_at = ?, failing_since = ?, next_attempt_at = ?, claim_id = NULL"
                        + " WHERE id = ? AND claim_id = ? AND status = 'PENDING' RETURNING *",
                failed -> {
                    if (firstFailure) {
                        events.failed(failed);
                    }
                },
                truncate(error), outcomeUnknown, Timestamp.from(now), Timestamp.from(failingSince),
                Timestamp.from(nextAttemptAt), claimed.id(), claimed.claimId());
    }

    /**
     * Records a failed attempt and parks the message; false if the claim was lost. Publishes
     * {@code MessageParked} when it is parked anew, not when a parked message tried once more to
     * probe its destination ({@link #probeParked}) is parked again.
     */
    public boolean markDead(Delivery claimed, String error, boolean outcomeUnknown, Instant now, Instant failingSince) {
        boolean parkedAnew = claimed.parkedAt() == null;
        return marked("UPDATE delivery SET status = 'DEAD', attempts = attempts + 1, failures = failures + 1,"
                        + " last_error = ?, outcome_unknown = ?, last_attempt_at = ?, failing_since = ?,"
                        + " parked_at = COALESCE(parked_at, ?), claim_id = NULL WHERE id = ? AND claim_id = ? AND status = 'PENDING'"
                        + " RETURNING *",
                parked -> {
                    if (parkedAnew) {
                        events.parked(parked);
                    }
                },
                truncate(error), outcomeUnknown, Timestamp.from(now), Timestamp.from(failingSince), Timestamp.from(now),
                claimed.id(), claimed.claimId());
    }

    /**
     * One fenced mark and what it publishes, in one transaction: the update (which must return the
     * row) takes effect only while the row still carries this worker's claim, and only then is
     * anything published.
     */
    private boolean marked(String update, Consumer<Delivery> publish, Object... arguments) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<Delivery> rows = jdbc.query(update, DELIVERY, arguments);
            rows.forEach(publish);
            return !rows.isEmpty();
        }));
    }

    /**
     * An operator's retry: the dead letter is due at once and starts a fresh retry window (backoff
     * from the start, give-up-after from its next failure); attempts keep counting. Publishes
     * {@code MessageRequeued} (OPERATOR_RETRY). False if there is no such dead letter.
     */
    public boolean retry(long id, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<Delivery> retried = jdbc.query("UPDATE delivery SET status = 'PENDING', failures = 0, failing_since = NULL,"
                            + " parked_at = NULL, claim_id = NULL, next_attempt_at = ? WHERE id = ? AND status = 'DEAD' RETURNING *",
                    DELIVERY, Timestamp.from(now), id);
            retried.forEach(delivery -> events.requeued(delivery, MessageRequeued.Reason.OPERATOR_RETRY, now));
            return !retried.isEmpty();
        }));
    }

    /** What {@link #redrive} did: dead letters back to pending, and waiting retries made due. */
    public record Redriven(int parked, int waiting) {
    }

    /**
     * A message to this destination just went through, so the destination works again: its dead
     * letters go back to pending and its failing messages become due, each with a fresh retry
     * window (backoff from the start, give-up-after from its next failure). Emails share one destination (the SMTP relay), whatever the address.
     * Left alone: messages claimed right now, and those whose last attempt has an unknown outcome
     * (they keep their later retry, so the receiver is not sent them again at once). Each dead
     * letter brought back publishes {@code MessageRequeued} (DESTINATION_RECOVERED).
     */
    public Redriven redrive(Channel channel, String recipient, Instant now) {
        return transactions.execute(status -> {
            // Each row as it is now, and whether it was parked (those publish MessageRequeued).
            List<Map.Entry<Delivery, Boolean>> redriven = jdbc.query("WITH due AS (SELECT id, status FROM delivery"
                            + " WHERE channel = ? AND (channel = 'EMAIL' OR recipient = ?) AND (status = 'DEAD' OR (status = 'PENDING'"
                            + " AND claim_id IS NULL AND failures > 0 AND NOT outcome_unknown))"
                            + " FOR UPDATE SKIP LOCKED)"
                            + " UPDATE delivery d SET status = 'PENDING', next_attempt_at = ?, failures = 0, failing_since = NULL,"
                            + " parked_at = NULL FROM due WHERE d.id = due.id RETURNING d.*, due.status AS status_before",
                    (row, i) -> Map.entry(DELIVERY.mapRow(row, i), Delivery.Status.DEAD.name().equals(row.getString("status_before"))),
                    channel.name(), recipient, Timestamp.from(now));
            List<Delivery> parked = redriven.stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                    .sorted(Comparator.comparingLong(Delivery::id)).toList();
            parked.forEach(delivery -> events.requeued(delivery, MessageRequeued.Reason.DESTINATION_RECOVERED, now));
            return new Redriven(parked.size(), redriven.size() - parked.size());
        });
    }

    /**
     * Makes one dead letter per destination due again, keeping its failures: it is the probe that
     * finds out whether the destination works again. If it fails it is parked again at once; if it
     * goes through, {@link #redrive} brings back the rest. Destinations with messages still
     * pending are left alone: those are probes already. Publishes nothing: a probe is still a
     * parked message until it goes through ({@code MessageDelivered}).
     */
    public int probeParked(Instant now) {
        return jdbc.update("UPDATE delivery SET status = 'PENDING', next_attempt_at = ?, claim_id = NULL WHERE id IN ("
                + " SELECT DISTINCT ON (d.channel, CASE WHEN d.channel = 'EMAIL' THEN '' ELSE d.recipient END) d.id"
                + " FROM delivery d WHERE d.status = 'DEAD' AND NOT EXISTS (SELECT 1 FROM delivery p WHERE p.status = 'PENDING'"
                + " AND p.channel = d.channel AND (d.channel = 'EMAIL' OR p.recipient = d.recipient))"
                + " ORDER BY d.channel, CASE WHEN d.channel = 'EMAIL' THEN '' ELSE d.recipient END, d.id) AND status = 'DEAD'",
                Timestamp.from(now));
    }

    /**
     * How much is waiting: pending and parked messages, how many have been pending since before
     * {@code overdueBefore}, and when the oldest pending one was recorded.
     */
    public Backlog backlog(Instant overdueBefore) {
        return jdbc.queryForObject("SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,"
                        + " count(*) FILTER (WHERE status = 'DEAD') AS dead,"
                        + " count(*) FILTER (WHERE status = 'PENDING' AND created_at < ?) AS overdue,"
                        + " min(created_at) FILTER (WHERE status = 'PENDING') AS oldest"
                        + " FROM delivery WHERE status IN ('PENDING', 'DEAD')",
                (row, i) -> new Backlog(row.getLong("pending"), row.getLong("dead"), row.getLong("overdue"),
                        instant(row.getTimestamp("oldest"))), Timestamp.from(overdueBefore));
    }

    /** Messages waiting to be sent ({@code oldestPending} null when there are none) and parked ones. */
    public record Backlog(long pending, long dead, long overdue, Instant oldestPending) {
    }

    public List<Delivery> ofIncident(String incidentId, int limit) {
        return jdbc.query("SELECT * FROM delivery WHERE incident_id = ? ORDER BY id LIMIT ?", DELIVERY, incidentId, limit);
    }

    public List<Delivery> recent(int limit) {
        return jdbc.query("SELECT * FROM delivery ORDER BY id DESC LIMIT ?", DELIVERY, limit);
    }

    public List<Delivery> dead(int limit) {
        return jdbc.query("SELECT * FROM delivery WHERE status = 'DEAD' ORDER BY id DESC LIMIT ?", DELIVERY, limit);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM delivery", Long.class);
        return count == null ? 0 : count;
    }

    private static RowMapper<Delivery> delivery(String nextAttemptColumn) {
        return (row, i) -> new Delivery(row.getLong("id"), row.getString("event_id"), row.getString("incident_id"),
                Channel.valueOf(row.getString("channel")), row.getString("recipient"), row.getString("template"),
                row.getString("subject"), row.getString("body"), Delivery.Status.valueOf(row.getString("status")),
                row.getInt("attempts"), instant(row.getTimestamp(nextAttemptColumn)), row.getString("last_error"),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("sent_at")), row.getInt("failures"),
                instant(row.getTimestamp("failing_since")), instant(row.getTimestamp("last_attempt_at")),
                row.getBoolean("outcome_unknown"), instant(row.getTimestamp("parked_at")), row.getObject("claim_id", UUID.class));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
