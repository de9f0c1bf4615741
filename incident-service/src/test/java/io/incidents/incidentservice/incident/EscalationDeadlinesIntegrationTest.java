package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.incidents.incidentservice.CommandApi;
import io.incidents.support.health.Degraded;
import io.incidents.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Escalation deadlines on the real db-scheduler: a failed firing is tried again seconds later, an
 * execution held by a crashed instance is taken over within a minute of its last heartbeat, a
 * reopen arms a new deadline, and stopping the timer cancels the incident's own deadline by id,
 * without reading any other incident's. Failed firings are counted, and a deadline failing or
 * overdue for minutes shows in health as DEGRADED.
 */
@IntegrationTest
@Import(EscalationDeadlinesIntegrationTest.FailingDeadlines.class)
@TestPropertySource(properties = {
        "incidents.sla.targets.SEV3.acknowledge-within=2s",
        "db-scheduler.polling-interval=500ms"})
class EscalationDeadlinesIntegrationTest {

    private static final String DECLARED = "io.incidents.events.IncidentDeclared";
    private static final String REOPENED = "io.incidents.events.IncidentReopened";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Scheduler scheduler;
    @Autowired
    DeadlineBacklog backlog;
    @Autowired
    MeterRegistry meters;

    CommandApi api;

    @BeforeEach
    void setUp() {
        api = new CommandApi(rest);
        FailingDeadlines.failuresLeft.set(0);
    }

    @Test
    void aDeadlineWhoseFiringFailedIsTriedAgainFiveSecondsLater() {
        FailingDeadlines.failuresLeft.set(1);
        String id = api.declare("Email delayed", "SEV3", "email");
        String deadline = deadlineArmedBy(id, DECLARED);

        await().atMost(Duration.ofSeconds(20)).until(() -> consecutiveFailures(deadline) == 1);
        Map<String, Object> retried = jdbc.queryForMap("SELECT execution_time, last_failure FROM scheduled_tasks"
                + " WHERE task_instance = ?", deadline);
        assertThat(Duration.between(((Timestamp) retried.get("last_failure")).toInstant(),
                ((Timestamp) retried.get("execution_time")).toInstant())).isEqualTo(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(30)).until(() -> !escalations(id).isEmpty());
        assertThat(escalations(id).get(0)).contains("\"level\":2", "\"reason\":\"ACK_OVERDUE\"");
        climbsToTheTop(id);
    }

    @Test
    void aFailedFiringIsCountedAndTheDeadlineCountsAsFailingUntilItsRetryWorks() {
        double failuresBefore = meters.get("incident.deadlines.failures").counter().count();
        FailingDeadlines.failuresLeft.set(1);
        String id = api.declare("Email delayed", "SEV3", "email");
        String deadline = deadlineArmedBy(id, DECLARED);

        await().atMost(Duration.ofSeconds(20)).until(() -> consecutiveFailures(deadline) == 1);
        backlog.refresh();

        assertThat(meters.get("incident.deadlines.failures").counter().count() - failuresBefore).isEqualTo(1);
        assertThat(meters.get("incident.deadlines.failing").gauge().value()).isEqualTo(1);
        assertThat(meters.get("incident.deadlines.late").gauge().value()).as("failing for seconds only").isZero();
        assertThat(componentStatus("deadlines")).isEqualTo("UP");

        climbsToTheTop(id);
        backlog.refresh();
        assertThat(meters.get("incident.deadlines.failing").gauge().value()).isZero();
    }

    @Test
    void aDeadlineFailingForMinutesShowsAsDegradedUntilItWorks() {
        String id = api.declare("Chat down", "SEV2", "chat");
        String deadline = deadlineArmedBy(id, DECLARED);
        // Seven failures in a row: tried again after 5, 10, 20, 40, 60 and 60 s, failing for over 3 minutes.
        jdbc.update("UPDATE scheduled_tasks SET consecutive_failures = 7, last_failure = now() WHERE task_instance = ?",
                deadline);
        try {
            backlog.refresh();

            assertThat(meters.get("incident.deadlines.late").gauge().value()).isEqualTo(1);
            assertDegraded();
        } finally {
            jdbc.update("UPDATE scheduled_tasks SET consecutive_failures = 0 WHERE task_instance = ?", deadline);
        }
        backlog.refresh();
        assertThat(componentStatus("deadlines")).isEqualTo("UP");
        assertThat(rest.getForEntity("/actuator/health", Map.class).getBody()).containsEntry("status", "UP");
    }

    @Test
    void aDeadlineNoSchedulerFiresShowsAsDegradedUntilItIsFired() {
        String id;
        scheduler.pause();
        try {
            id = api.declare("Analytics stale", "SEV3", "analytics");
            String deadline = deadlineArmedBy(id, DECLARED);
            // Due four minutes ago, and no instance has got to it.
            jdbc.update("UPDATE scheduled_tasks SET execution_time = now() - interval '4 minutes' WHERE task_instance = ?",
                    deadline);
            backlog.refresh();

            assertThat(meters.get("incident.deadlines.late").gauge().value()).isEqualTo(1);
            assertDegraded();
        } finally {
            scheduler.resume();
        }

        climbsToTheTop(id);
        backlog.refresh();
        assertThat(componentStatus("deadlines")).isEqualTo("UP");
    }

    private void assertDegraded() {
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode().value()).as("a working service is not taken out").isEqualTo(200);
        assertThat(health.getBody()).containsEntry("status", Degraded.STATUS.getCode());
        assertThat(componentStatus("deadlines")).isEqualTo(Degraded.STATUS.getCode());
    }

    private String componentStatus(String component) {
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) rest
                .getForEntity("/actuator/health", Map.class).getBody().get("components");
        return (String) components.get(component).get("status");
    }

    @Test
    void anExecutionHeldByACrashedInstanceFiresWithinAMinuteOfItsLastHeartbeat() {
        String id;
        scheduler.pause();
        try {
            id = api.declare("Analytics stale", "SEV3", "analytics");
            String deadline = deadlineArmedBy(id, DECLARED);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT execution_time < now() FROM scheduled_tasks WHERE task_instance = ?", Boolean.class, deadline));
            // Picked when it fell due by an instance that died 33 s ago, without a word.
            assertThat(jdbc.update("UPDATE scheduled_tasks SET picked = true, picked_by = 'crashed-instance',"
                    + " last_heartbeat = now() - interval '33 seconds', version = version + 1 WHERE task_instance = ?",
                    deadline)).isEqualTo(1);
        } finally {
            scheduler.resume();
        }

        await().atMost(Duration.ofSeconds(27)).until(() -> !escalations(id).isEmpty());
        assertThat(escalations(id).get(0)).contains("\"level\":2", "\"reason\":\"ACK_OVERDUE\"");
        climbsToTheTop(id);
    }

    /**
     * The later levels were due long ago and follow at once (2, 3, 4), and then nothing is left
     * pending: no deadline of this test fires into the next one.
     */
    private void climbsToTheTop(String id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> escalations(id).size() == 3 && pendingDeadlinesOf(id) == 0);
    }

    @Test
    void reopeningArmsANewDeadlineOneAcknowledgeIntervalAfterTheReopen() {
        String id = api.declare("Chat down", "SEV2", "chat");
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", Map.of("summary", "restarted")).getStatusCode().value())
                .isEqualTo(204);
        assertThat(pendingDeadlinesOf(id)).isZero();

        assertThat(api.post("/api/v1/incidents/" + id + "/reopen", Map.of("reason", "down again")).getStatusCode().value())
                .isEqualTo(204);

        String deadline = deadlineArmedBy(id, REOPENED);
        Instant reopenedAt = Instant.parse(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reopenedAt'"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?", String.class, id, REOPENED));
        Timestamp due = jdbc.queryForObject("SELECT execution_time FROM scheduled_tasks WHERE task_instance = ?",
                Timestamp.class, deadline);
        // PostgreSQL keeps microseconds, rounded.
        assertThat(due.toInstant()).isCloseTo(reopenedAt.plus(Duration.ofMinutes(15)), within(1, ChronoUnit.MILLIS));
    }

    @Test
    void anAcknowledgementCancelsItsOwnDeadlineWithoutReadingAnyOther() {
        String acknowledged = api.declare("Billing failing", "SEV2", "billing");
        String other = api.declare("Chat down", "SEV2", "chat");
        String othersDeadline = deadlineArmedBy(other, DECLARED);
        // Unreadable to anyone who would look at it: a scan of every pending deadline would fail here.
        jdbc.update("UPDATE scheduled_tasks SET task_data = convert_to('not a deadline', 'UTF8') WHERE task_instance = ?",
                othersDeadline);
        try {
            acknowledge(acknowledged);

            assertThat(pendingDeadlinesOf(acknowledged)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Integer.class,
                    othersDeadline)).isEqualTo(1);
        } finally {
            jdbc.update("DELETE FROM scheduled_tasks WHERE task_instance = ?", othersDeadline);
        }
    }

    private void acknowledge(String id) {
        assertThat(api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of()).getStatusCode().value()).isEqualTo(204);
    }

    /** The schedule id of the deadline an event of the incident armed, from the event's metadata. */
    @Test
    void aRollbackStillRunningAtItsProceduresUpperBoundIsMarkedOverrunOnTheRealScheduler() {
        String id = api.declare("Payments down", "SEV1", "payments");
        List<String> before = jdbc.queryForList("SELECT task_instance FROM scheduled_tasks", String.class);
        Instant started = Instant.now();
        ResponseEntity<Map> rollback = api.post("/api/v1/incidents/" + id + "/rollbacks", Map.of("procedure", "D",
                "services", List.of("payments"), "targetVersion", "offline", "reason", "card data exposed"));
        assertThat(rollback.getStatusCode().value()).isEqualTo(201);
        List<Map<String, Object>> armed = jdbc.queryForList("SELECT task_instance, execution_time FROM scheduled_tasks"
                + " WHERE NOT (task_instance = ANY (?))", (Object) before.toArray(String[]::new));
        assertThat(armed).hasSize(1);
        // Procedure D is expected to take at most a minute: the overrun falls due then.
        assertThat(((Timestamp) armed.get(0).get("execution_time")).toInstant())
                .isCloseTo(started.plus(Duration.ofMinutes(1)), within(5, ChronoUnit.SECONDS));

        // A minute is long for a test: the deadline is brought forward, the firing is the scheduler's own.
        jdbc.update("UPDATE scheduled_tasks SET execution_time = now() WHERE task_instance = ?", armed.get(0).get("task_instance"));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type = 'io.incidents.events.RollbackOverran'", Integer.class, id) == 1);
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = 'io.incidents.events.RollbackOverran'", String.class, id))
                .contains("\"procedure\":\"D\"", "\"expectedWithin\":\"PT1M\"", "\"rollbackId\":\"" + rollback.getBody().get("rollbackId"));
    }

    private String deadlineArmedBy(String id, String payloadType) {
        String deadline = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'ackDeadlineId'"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?", String.class, id, payloadType);
        assertThat(deadline).as("the deadline armed by %s", payloadType).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Integer.class, deadline))
                .as("the deadline %s is pending", deadline).isEqualTo(1);
        return deadline;
    }

    private int consecutiveFailures(String deadline) {
        Integer failures = jdbc.queryForObject("SELECT consecutive_failures FROM scheduled_tasks WHERE task_instance = ?",
                Integer.class, deadline);
        return failures == null ? 0 : failures;
    }

    /** The incident's deadlines still pending: those its events armed that db-scheduler still holds. */
    private int pendingDeadlinesOf(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance IN ("
                + " SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'ackDeadlineId' FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?)", Integer.class, id);
    }

    private List<String> escalations(String id) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = 'io.incidents.events.IncidentEscalated' ORDER BY sequence_number", String.class, id);
    }

    /** Makes the next deadlines fail as a concurrent change or a database glitch would, inside their unit of work. */
    @TestConfiguration
    static class FailingDeadlines {

        static final AtomicInteger failuresLeft = new AtomicInteger();

        @Bean
        SmartInitializingSingleton failingDeadlines(org.axonframework.deadline.DeadlineManager deadlines) {
            return () -> deadlines.registerHandlerInterceptor((unitOfWork, chain) -> {
                if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    throw new IllegalStateException("deadline failure injected by the test");
                }
                return chain.proceed();
            });
        }
    }
}
