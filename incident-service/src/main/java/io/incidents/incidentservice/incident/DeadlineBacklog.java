package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.function.ToLongFunction;

/**
 * The escalation deadlines in trouble, read from db-scheduler's {@code scheduled_tasks} every
 * check-interval for health and metrics: those whose last firing failed (being retried), and the
 * late ones ({@link DeadlineHealthProperties#lateAfter()}): failing for that long already, or due
 * that long ago and not fired. Read on a schedule rather than per request, since
 * {@code /actuator/health} is open to anyone and a scrape should not query once per gauge.
 */
@Component
class DeadlineBacklog {

    /** The deadlines at one moment. */
    record Snapshot(long failing, long late, Instant readAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeadlineBacklog.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DeadlineHealthProperties properties;
    private final String taskName;
    /** Failures in a row that take at least late-after, with retries as often as DeadlineRetry makes them. */
    private final int lateFailures;
    private volatile Snapshot latest;

    DeadlineBacklog(JdbcTemplate jdbc, Clock clock, DeadlineHealthProperties properties, DeadlineRetryProperties retry,
                    @Qualifier("deadlineDetailsTask") Task<DbSchedulerBinaryDeadlineDetails> deadlineTask,
                    MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.taskName = deadlineTask.getName();
        this.lateFailures = new DeadlineRetry<>(retry).failuresSpanning(properties.lateAfter());
        Gauge.builder("incident.deadlines.failing", this, b -> b.count(Snapshot::failing))
                .description("Escalation deadlines whose last firing failed, waiting to be tried again").register(meters);
        Gauge.builder("incident.deadlines.late", this, b -> b.count(Snapshot::late))
                .description("Escalation deadlines failing for longer than incidents.deadlines.health.late-after,"
                        + " or due longer ago than that and not fired").register(meters);
    }

    @Scheduled(fixedDelayString = "${incidents.deadlines.health.check-interval:15s}")
    void refresh() {
        try {
            Instant now = clock.instant();
            latest = jdbc.queryForObject("""
                    SELECT count(*) FILTER (WHERE consecutive_failures > 0) AS failing,
                           count(*) FILTER (WHERE consecutive_failures >= ? OR execution_time < ?) AS late
                    FROM scheduled_tasks WHERE task_name = ?""",
                    (row, i) -> new Snapshot(row.getLong("failing"), row.getLong("late"), now),
                    lateFailures, Timestamp.from(now.minus(properties.lateAfter())), taskName);
        } catch (RuntimeException e) {
            // Health and metrics keep the last reading; the database's own health shows the outage.
            log.warn("Could not read the escalation deadlines: {}", e.toString());
        }
    }

    /** The latest reading, or null before the first one. */
    Snapshot latest() {
        return latest;
    }

    private double count(ToLongFunction<Snapshot> figure) {
        Snapshot snapshot = latest;
        return snapshot == null ? 0 : figure.applyAsLong(snapshot);
    }
}
