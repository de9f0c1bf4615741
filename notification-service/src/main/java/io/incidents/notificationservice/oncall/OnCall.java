package io.incidents.notificationservice.oncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.EventJson;
import io.incidents.notificationservice.oncall.OnCallState.Recorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The on-call schedules, for whoever needs to know who holds an escalation level (SPEC 4: "the
 * on-call engineer ... comes from the on-call schedule of that level when one exists, else from
 * the level's configured contacts"). Reads are served from the events in memory; each read asks
 * PostgreSQL for the newest event's position and loads only what is new, so several instances
 * sharing the database agree.
 */
@Component
public class OnCall {

    private static final Logger log = LoggerFactory.getLogger(OnCall.class);

    /** The advisory lock every writer holds until its commit: events become visible in seq order. */
    private static final long WRITE_LOCK = 0x6F6E63616C6CL; // "oncall"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectMapper json = EventJson.newMapper();
    private volatile OnCallState state = OnCallState.EMPTY;

    OnCall(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Who held escalation {@code level} at {@code at}: empty when the level had no on-call
     * schedule in force then (the level's configured contacts answer for it); otherwise the
     * schedule's holders, possibly nobody (a gap in the schedule: the configured contacts again).
     * The same answer for the same {@code at} whenever it is asked, since the past never changes.
     */
    public Optional<OnCallHolders> holders(int level, Instant at) {
        return current().holders(level, at);
    }

    /** The name of the person whose email or chat webhook {@code address} is (as last saved), for showing who was told. */
    public Optional<String> nameOf(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        for (Person person : current().people()) {
            if (address.equals(person.chatWebhook())
                    || (person.email() != null && person.email().toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT)))) {
                return Optional.of(person.name());
            }
        }
        return Optional.empty();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Every event so far, loading those recorded since the last call. */
    OnCallState current() {
        Long newest = jdbc.queryForObject("SELECT coalesce(max(seq), 0) FROM oncall_event", Long.class);
        OnCallState known = state;
        if (Objects.requireNonNullElse(newest, 0L) <= known.lastSeq()) {
            return known;
        }
        synchronized (this) {
            known = state;
            List<Recorded> more = jdbc.query("SELECT seq, type, payload::text AS payload, recorded_at, recorded_by"
                    + " FROM oncall_event WHERE seq > ? ORDER BY seq", (row, i) -> read(row.getLong("seq"), row.getString("type"),
                    row.getString("payload"), row.getTimestamp("recorded_at").toInstant(), row.getString("recorded_by")),
                    known.lastSeq());
            // A row of a type this version does not know is skipped, but counts as read.
            long seen = more.isEmpty() ? known.lastSeq() : more.get(more.size() - 1).seq();
            OnCallState updated = known.plus(more.stream().filter(recorded -> recorded.event() != null).toList(), seen);
            state = updated;
            return updated;
        }
    }

    private Recorded read(long seq, String type, String payload, Instant recordedAt, String recordedBy) {
        Class<? extends OnCallEvent> eventType = OnCallEvent.typeNamed(type);
        if (eventType == null) {
            log.warn("On-call event {} is of the unknown type {}: skipped (written by a newer version?)", seq, type);
            return new Recorded(seq, recordedAt, recordedBy, null);
        }
        try {
            return new Recorded(seq, recordedAt, recordedBy, json.readValue(payload, eventType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("On-call event " + seq + " (" + type + ") cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A decision: the event to record (null: nothing to record) and what to answer. */
    record Change<T>(OnCallEvent event, T answer) {
    }

    /**
     * Decides on the newest state and records the event, one writer at a time (an advisory lock
     * held to the commit), so two requests cannot both pass a check that only one may pass.
     */
    <T> T change(String actor, BiFunction<OnCallState, Instant, Change<T>> decide) {
        Change<T> change = transaction.execute(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?)", row -> { }, WRITE_LOCK);
            Instant now = now();
            Change<T> decided = decide.apply(current(), now);
            if (decided.event() != null) {
                append(decided.event(), now, actor);
            }
            return decided;
        });
        return Objects.requireNonNull(change).answer();
    }

    private void append(OnCallEvent event, Instant at, String actor) {
        try {
            jdbc.update("INSERT INTO oncall_event (type, schedule_id, payload, recorded_at, recorded_by) VALUES (?, ?, ?::jsonb, ?, ?)",
                    OnCallEvent.typeOf(event), event.scheduleId(), json.writeValueAsString(event), Timestamp.from(at),
                    actor == null ? "anonymous" : actor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + OnCallEvent.typeOf(event) + " as JSON", e);
        }
    }
}
