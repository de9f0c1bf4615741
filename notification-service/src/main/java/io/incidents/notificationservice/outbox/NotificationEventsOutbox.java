package io.incidents.notificationservice.outbox;

import io.incidents.events.EventJson;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.NotificationEventTypes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox of the topic {@code notification-events}: what this service did about an incident,
 * written in the transaction that records it, and sent to Kafka afterwards by
 * {@link NotificationEventsPublisher}. So nothing is published that was rolled back, and nothing
 * committed is lost to a broker outage or a crash.
 */
@Repository
public class NotificationEventsOutbox {

    /** The advisory lock of the one publisher at a time (any constant; this one spells "notif-ev"). */
    private static final long PUBLISHER_LOCK = 0x6e6f7469662d6576L;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public NotificationEventsOutbox(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Adds {@code event} to the outbox in the caller's transaction: it is published once that
     * transaction commits (the publisher is woken then), and never if it rolls back. Call it in
     * the transaction that writes what the event reports, and only when that write took effect
     * (a row inserted, a fenced update that matched), so a replay or a lost claim publishes nothing.
     *
     * @return the event's {@code ce_id}, the same however often the record is sent
     * @throws IllegalStateException outside a transaction: the event would be published whether
     *                               or not what it reports is committed
     */
    public UUID append(NotificationEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A notification event is appended in the transaction that records what it"
                    + " reports; there is none: " + event.getClass().getSimpleName());
        }
        UUID eventId = UUID.randomUUID();
        jdbc.update("INSERT INTO notification_outbox (event_id, incident_id, event_type, payload, event_time, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", eventId, event.incidentId(),
                NotificationEventTypes.cloudEventType(event.getClass()), EventJson.write(event),
                event.occurredAt().toString(), Timestamp.from(clock.instant()));
        events.publishEvent(NotificationEventsAppended.INSTANCE);
        return eventId;
    }

    /**
     * Takes the publisher's lock for the current transaction; false while another instance holds
     * it (that one publishes). Released at commit or rollback, or when a crashed instance's
     * connection goes.
     */
    boolean lockForPublishing() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, PUBLISHER_LOCK));
    }

    /** The oldest {@code limit} rows not published yet, in the order they were appended. */
    List<OutboxRow> unpublished(int limit) {
        return jdbc.query("SELECT id, event_id, incident_id, event_type, payload, event_time FROM notification_outbox"
                        + " WHERE published_at IS NULL ORDER BY id LIMIT ?",
                (row, i) -> new OutboxRow(row.getLong("id"), row.getObject("event_id", UUID.class),
                        row.getString("incident_id"), row.getString("event_type"), row.getString("payload"),
                        row.getString("event_time")), limit);
    }

    void markPublished(List<OutboxRow> rows, Instant at) {
        if (!rows.isEmpty()) {
            jdbc.update("UPDATE notification_outbox SET published_at = ? WHERE id = ANY (?)", Timestamp.from(at),
                    rows.stream().map(OutboxRow::id).toArray(Long[]::new));
        }
    }

    /** Rows waiting to be published, and when the oldest of them was appended (null when none are). */
    record Backlog(long pending, Instant oldestAppendedAt) {
    }

    Backlog backlog() {
        return jdbc.queryForObject("SELECT count(*) AS pending, min(created_at) AS oldest FROM notification_outbox"
                        + " WHERE published_at IS NULL",
                (row, i) -> new Backlog(row.getLong("pending"),
                        row.getTimestamp("oldest") == null ? null : row.getTimestamp("oldest").toInstant()));
    }

    /** Deletes rows published before {@code before}; how many. */
    int forgetPublishedBefore(Instant before) {
        return jdbc.update("DELETE FROM notification_outbox WHERE published_at < ?", Timestamp.from(before));
    }
}
