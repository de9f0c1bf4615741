package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The delivery log: one row per (event, channel, recipient), never two. */
@Repository
public class DeliveryLog {

    private static final RowMapper<Delivery> DELIVERY = (row, i) -> new Delivery(row.getLong("id"), row.getString("event_id"),
            row.getString("incident_id"), Channel.valueOf(row.getString("channel")), row.getString("recipient"),
            row.getString("template"), row.getString("subject"), row.getString("body"),
            Delivery.Status.valueOf(row.getString("status")), row.getInt("attempts"), instant(row.getTimestamp("next_attempt_at")),
            row.getString("last_error"), instant(row.getTimestamp("created_at")), instant(row.getTimestamp("sent_at")));

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
     * Claims up to {@code limit} due messages for one sending attempt: their next attempt moves
     * {@code lease} ahead, so another worker (or this one after a crash) only takes them again
     * once the lease has run out.
     */
    public List<Delivery> claimDue(Instant now, int limit, Duration lease) {
        return jdbc.query("UPDATE delivery SET next_attempt_at = ? WHERE id IN (SELECT id FROM delivery WHERE status = 'PENDING'"
                        + " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *",
                DELIVERY, Timestamp.from(now.plus(lease)), Timestamp.from(now), limit);
    }

    /** Hands a claimed message back untried, to be claimed again at {@code at}. */
    public void release(long id, Instant at) {
        jdbc.update("UPDATE delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'", Timestamp.from(at), id);
    }

    public void markSent(long id, Instant now) {
        jdbc.update("UPDATE delivery SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL"
                + " WHERE id = ? AND status = 'PENDING'", Timestamp.from(now), id);
    }

    public void markFailed(long id, String error, Instant nextAttemptAt) {
        jdbc.update("UPDATE delivery SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                + " WHERE id = ? AND status = 'PENDING'", truncate(error), Timestamp.from(nextAttemptAt), id);
    }

    public void markDead(long id, String error) {
        jdbc.update("UPDATE delivery SET status = 'DEAD', attempts = attempts + 1, last_error = ?"
                + " WHERE id = ? AND status = 'PENDING'", truncate(error), id);
    }

    /** Sends a dead letter again from the first attempt; false if there is no such dead letter. */
    public boolean retry(long id, Instant now) {
        return jdbc.update("UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'DEAD'",
                Timestamp.from(now), id) > 0;
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

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
