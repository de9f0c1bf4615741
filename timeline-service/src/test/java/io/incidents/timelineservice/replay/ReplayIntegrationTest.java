package io.incidents.timelineservice.replay;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.ActionItemStatus;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.IncidentTypeSet;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.PostMortemCompleted;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.PostMortemScheduled;
import io.incidents.events.PostMortemSection;
import io.incidents.events.PostMortemSectionWritten;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.events.notification.LevelTold;
import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.MessageFailed;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;
import io.incidents.policy.RollbackChecklists;
import io.incidents.policy.RollbackDurations;
import io.incidents.support.database.DatabaseOwner;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.NotificationFeed;
import io.incidents.timelineservice.ReadApi;
import io.incidents.timelineservice.ledger.IncidentEventsListener;
import io.incidents.timelineservice.ledger.LedgerTables;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ReplayIntegrationTest {

    private static final EventFeed feed = new EventFeed(Incidents.TOPIC);
    private static final NotificationFeed notificationFeed = new NotificationFeed();
    /** Per incident of the mixed scenario, the notification events published about it. */
    private static final Map<String, Integer> notificationsPublished = new LinkedHashMap<>();
    private static final Instant DAY = Instant.parse("2026-06-10T00:00:00Z");
    private static final String CLOSED_PERIOD = "from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    DataSource dataSource;
    @Autowired
    IncidentEventsListener listener;
    @Autowired
    ReplayService replay;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DatabaseOwner owner;

    @AfterAll
    static void closeFeed() {
        feed.close();
        notificationFeed.close();
    }

    @Test
    void aReplayRebuildsByteIdenticalReadModelsAndLosesNothingPublishedMeanwhile() throws Exception {
        ReadApi api = new ReadApi(rest, TestLogins.ADMIN);
        Map<String, Integer> published = publishMixedScenario();
        List<String> ids = List.copyOf(published.keySet());
        published.forEach(api::awaitEvents);
        notificationsPublished.forEach((id, count) -> await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification_event WHERE incident_id = ?", Integer.class, id) == count));
        Map<String, String> before = snapshot(api, ids);
        // What notification-service sent is rebuilt from its topic too.
        assertThat(before.get(ids.get(0) + " notification events")).contains("StatusPosted").contains("LevelTold");
        assertThat(before.get(ids.get(0) + " postmortem.md")).contains("Offline \"Checkout\" (Checkout)")
                .contains("at the declaration: Alice Example (on-call schedule)");
        assertThat(before.get(ids.get(3) + " postmortem.md")).contains("at the raise to SEV1: nobody");
        assertThat(before.get(ids.get(1) + " postmortem.json")).contains("\"state\" : \"PARKED\"");
        assertThat(before.get(ids.get(1) + " timeline")).contains("\"source\":\"notification-service\"");
        // The comparison covers what the scenario holds: a drill (in no report), checklists verified and not,
        // public status text, the team's sections and the post-mortem's follow-up.
        assertThat(before.get(ids.get(4) + " detail")).contains("\"drill\":true");
        assertThat(before.get("sla by severity")).doesNotContain(ids.get(4));
        assertThat(before.get(ids.get(0) + " detail")).contains("\"verified\":true").contains("\"completed\":true");
        assertThat(before.get(ids.get(1) + " detail")).contains("\"verified\":false");
        assertThat(before.get(ids.get(2) + " timeline")).contains("changed the type from service-outage to database-connections")
                .contains("public title \\\"Checkout slower than usual\\\"");
        assertThat(before.get(ids.get(2) + " postmortem.md")).contains("- Status: **overdue**").contains("Written 2")
                .contains("**overdue** (still open past its due date)");
        assertThat(before.get(ids.get(3) + " postmortem.md")).contains("Rewritten 3").contains("won't do");
        assertThat(before.get("open action items")).contains("ai-0").doesNotContain("ai-1").doesNotContain("ai-3");

        String late;
        // Hold a lock the replay needs, so it is certainly still running for the checks below.
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incident_event IN ACCESS EXCLUSIVE MODE");
            ResponseEntity<Map> started = api.post("/api/v1/admin/replay", null);
            assertThat(started.getStatusCode().value()).isEqualTo(202);
            assertThat(api.get("/api/v1/admin/replay").getBody()).containsEntry("state", "RUNNING");
            ResponseEntity<Map> second = api.post("/api/v1/admin/replay", null);
            assertThat(second.getStatusCode().value()).isEqualTo(409);
            assertThat(second.getHeaders().getContentType()).hasToString("application/problem+json");
            late = Incidents.newId();
            feed.publish("carol", Incidents.declared(late, Severity.SEV4, DAY.plusSeconds(2 * 86_400), "docs"));
            blocker.rollback();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));
        Map<String, Object> status = api.get("/api/v1/admin/replay").getBody();
        assertThat(status).containsEntry("state", "COMPLETED");
        assertThat(((Number) status.get("eventsDone")).longValue()).isGreaterThanOrEqualTo(ids.size() * 2L);

        Map<String, String> after = snapshot(api, ids);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((view, bytes) -> assertThat(after.get(view)).as(view).isEqualTo(bytes));
        api.awaitEvents(late, 1);
        assertThat(api.get("/api/v1/incidents/" + late).getStatusCode().value()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) api.get("/api/v1/admin/audit?action=REPLAY_STARTED&actor="
                + TestLogins.ADMIN.username()).getBody().get("items")).isNotEmpty();
    }

    @Test
    void anEventAnotherInstanceAppliesDuringTheReplayIsInTheTablesSwappedIn() throws Exception {
        ReadApi api = new ReadApi(rest, TestLogins.ADMIN);
        String before = Incidents.newId();
        feed.publish("bob", Incidents.declared(before, Severity.SEV3, DAY, "docs"));
        api.awaitEvents(before, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));

        String meanwhile = Incidents.newId();
        CountDownLatch readToTheEnd = new CountDownLatch(1);
        CountDownLatch swapNow = new CountDownLatch(1);
        replay.beforeSwap = () -> {
            readToTheEnd.countDown();
            try {
                swapNow.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            assertThat(api.post("/api/v1/admin/replay", null).getStatusCode().value()).isEqualTo(202);
            assertThat(readToTheEnd.await(30, TimeUnit.SECONDS)).as("the replay read to its end offsets").isTrue();

            // Another instance consumes an event past the offsets the replay read to: it never reaches this replay's consumer.
            ProducerRecord<String, String> sent = feed.record(Incidents.declared(meanwhile, Severity.SEV4, DAY, "docs"), "carol");
            ConsumerRecord<String, String> consumed = new ConsumerRecord<>(Incidents.TOPIC, 0, 999_999L, sent.key(), sent.value());
            sent.headers().forEach(header -> consumed.headers().add(header));
            listener.process(consumed);
        } finally {
            swapNow.countDown();
            replay.beforeSwap = () -> { };
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));
        assertThat(api.get("/api/v1/admin/replay").getBody()).containsEntry("state", "COMPLETED");
        assertThat(api.get("/api/v1/incidents/" + meanwhile).getStatusCode().value()).as("in the swapped-in tables").isEqualTo(200);
        assertThat(api.get("/api/v1/incidents/" + before).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aLongReadOfTheLiveTablesDelaysTheSwapWithoutHoldingUpTheReadsQueuedBehindIt() throws Exception {
        ReadApi api = new ReadApi(rest, TestLogins.ADMIN);
        String id = Incidents.newId();
        feed.publish("bob", Incidents.declared(id, Severity.SEV3, DAY, "docs"));
        api.awaitEvents(id, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));

        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finishReading = new CountDownLatch(1);
        AtomicBoolean longReadOver = new AtomicBoolean();
        Thread longRead = new Thread(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.executeQuery("SELECT count(*) FROM incident_event").close();
                reading.countDown();
                finishReading.await(30, TimeUnit.SECONDS);
                longReadOver.set(true);
                connection.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        replay.beforeSwap = () -> {
            longRead.start();
            try {
                reading.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            assertThat(api.post("/api/v1/admin/replay", null).getStatusCode().value()).isEqualTo(202);
            assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(this::swapWaitsForTheLongRead);

            // A timeline read queues behind the swap, which lets go after swap-lock-timeout: it is
            // answered while the long read still holds the table (it would otherwise wait for it).
            assertThat(api.get("/api/v1/incidents/" + id + "/timeline").getStatusCode().value()).isEqualTo(200);
            assertThat(longReadOver).as("the long read still holds the table").isFalse();
            assertThat(api.get("/api/v1/admin/replay").getBody()).containsEntry("state", "RUNNING");
        } finally {
            finishReading.countDown();
            replay.beforeSwap = () -> { };
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));
        assertThat(api.get("/api/v1/admin/replay").getBody()).containsEntry("state", "COMPLETED");
        assertThat(api.get("/api/v1/incidents/" + id).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void theTablesSwappedInAreTheOwnersAndTheServiceKeepsWritingThemAsItsOwnRole() {
        ReadApi api = new ReadApi(rest, TestLogins.ADMIN);
        String before = Incidents.newId();
        feed.publish("bob", Incidents.declared(before, Severity.SEV3, DAY, "docs"));
        api.awaitEvents(before, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));

        assertThat(api.post("/api/v1/admin/replay", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));
        assertThat(api.get("/api/v1/admin/replay").getBody()).containsEntry("state", "COMPLETED");

        // Created by the owner, so the next migration may change them; the runtime role still reads and writes rows only.
        String ownerRole = new JdbcTemplate(owner.dataSource()).queryForObject("SELECT current_user", String.class);
        for (String table : LedgerTables.LIVE.all()) {
            assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = ?", String.class, table))
                    .as("%s's owner", table).isEqualTo(ownerRole);
            assertThat(jdbc.queryForObject("SELECT has_table_privilege(current_user, ?::regclass, 'SELECT, INSERT, UPDATE, DELETE')",
                    Boolean.class, table)).as("the runtime role writes %s", table).isTrue();
            assertThat(jdbc.queryForObject("SELECT has_table_privilege(current_user, ?::regclass, 'TRUNCATE')", Boolean.class, table))
                    .as("the runtime role truncates %s", table).isFalse();
        }
        assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_rebuild' OR tablename LIKE '%\\_retired'",
                String.class)).as("the replay's own tables, gone").isEmpty();

        // The consumers write to the swapped-in tables, and the reads see what they wrote.
        String after = Incidents.newId();
        feed.publish("carol", Incidents.declared(after, Severity.SEV4, DAY, "docs"));
        notificationFeed.publish(new MessageDelivered(after, "cause-1", 7, MessageChannel.EMAIL, "support", "support-alert", 1, DAY));
        api.awaitEvents(after, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification_event WHERE incident_id = ?", Integer.class, after) == 1);
        assertThat(api.get("/api/v1/incidents/" + before).getStatusCode().value()).isEqualTo(200);
        assertThat(api.get("/api/v1/incidents/" + after).getStatusCode().value()).isEqualTo(200);
    }

    /** The swap has asked for the live events table alone and waits for it. */
    private boolean swapWaitsForTheLongRead() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var waiting = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE relation = 'incident_event'::regclass"
                     + " AND mode = 'AccessExclusiveLock' AND NOT granted")) {
            return waiting.next() && waiting.getInt(1) > 0;
        }
    }

    @Test
    void aRecordThatFailsOnItsOwnAccountIsSkippedAndRecordedAndTheReplayCompletes() {
        ReadApi api = new ReadApi(rest, TestLogins.ADMIN);
        // A service name of 8 KB of noise: too big for the summary's GIN index, every time.
        byte[] noise = new byte[6000];
        new java.util.Random(11).nextBytes(noise);
        String broken = Incidents.newId();
        feed.publish("bob", Incidents.declared(broken, Severity.SEV3, DAY, java.util.Base64.getEncoder().encodeToString(noise)));
        String good = Incidents.newId();
        feed.publish("bob", Incidents.declared(good, Severity.SEV4, DAY, "docs"));
        api.awaitEvents(good, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));

        assertThat(api.post("/api/v1/admin/replay", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(api.get("/api/v1/admin/replay").getBody().get("state")));

        Map<String, Object> status = api.get("/api/v1/admin/replay").getBody();
        assertThat(status).containsEntry("state", "COMPLETED");
        assertThat(((Number) status.get("eventsSkipped")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/incidents/" + good).getStatusCode().value()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) api.get("/api/v1/admin/dead-letters").getBody().get("items"))
                .anySatisfy(letter -> assertThat(letter).containsEntry("key", broken));
    }

    private Map<String, String> snapshot(ReadApi api, List<String> ids) {
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (String id : ids) {
            // Every incident here is resolved: its detail no longer depends on the moment it is read.
            snapshot.put(id + " detail", api.getText("/api/v1/incidents/" + id, "application/json").getBody());
            snapshot.put(id + " timeline", api.getText("/api/v1/incidents/" + id + "/timeline", "application/json").getBody());
            snapshot.put(id + " postmortem.md", api.getText("/api/v1/incidents/" + id + "/postmortem", "text/markdown").getBody());
            snapshot.put(id + " postmortem.json", api.getText("/api/v1/incidents/" + id + "/postmortem", "application/json").getBody());
            snapshot.put(id + " notification events", jdbc.queryForList("SELECT event_id, event_type, occurred_at, payload"
                    + " FROM notification_event WHERE incident_id = ? ORDER BY event_id", id).toString());
        }
        snapshot.put("open action items", ((List<Map<String, Object>>) api.get("/api/v1/action-items?limit=1000").getBody()
                .get("items")).stream().filter(item -> ids.contains(item.get("incidentId"))).toList().toString());
        snapshot.put("sla by severity", api.getText("/api/v1/sla?" + CLOSED_PERIOD, "application/json").getBody());
        snapshot.put("sla by service", api.getText("/api/v1/sla?groupBy=service&" + CLOSED_PERIOD, "application/json").getBody());
        return snapshot;
    }

    /**
     * Raised and lowered severities, rollbacks completed, failed, overrun and one still running at
     * its resolution, a reopen, escalations, action items, notes, quick fixes and workarounds, a
     * decide-by reminder, repeat alerts (with advice, and saying nothing of severity), problems
     * detected before their declaration (one given too early: clamped), a drill, incident types
     * (suggested and chosen) with runbook and rollback checklists ticked and unticked (verified or
     * not), public status text, and the post-mortem's follow-up: the team's sections written and
     * rewritten, action items updated and reminded, a post-mortem scheduled and late, one completed.
     */
    private static Map<String, Integer> publishMixedScenario() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String id = Incidents.newId();
            Instant t = DAY.plusSeconds(i * 3_600L);
            Severity severity = Severity.values()[i % 4];
            Instant detectionGiven = i == 5 ? t.minus(Duration.ofHours(30)) : i % 2 == 1 ? t.minusSeconds(i * 300L) : null;
            String declaredId = publish(counts, "bob", i == 4
                    ? new IncidentDeclared(id, "Drill " + i, "a simulation", severity, List.of("svc-" + (i % 3)),
                    IncidentSource.manual(), t, null, null, null, true)
                    : Incidents.detected(id, severity, t, detectionGiven, "svc-" + (i % 3)));
            // What notification-service did: the level told at declaration, a message delivered, one parked, a status post.
            notify(new LevelTold(id, declaredId, 1, "on-call engineer", List.of("Alice Example"), OnCallSource.SCHEDULE,
                            "schedule-1", t.plusSeconds(1)),
                    new MessageDelivered(id, declaredId, 100L + i, MessageChannel.CHAT, "Platform on-call", "chat-initial", 1,
                            t.plusSeconds(2)));
            if (i == 1) {
                notify(new MessageFailed(id, declaredId, 200L + i, MessageChannel.EMAIL, "o…@example.com", "support-alert", 1,
                                "SMTP connect refused", false, t.plusSeconds(60), t.plusSeconds(3)),
                        new MessageParked(id, declaredId, 200L + i, MessageChannel.EMAIL, "o…@example.com", "support-alert", 301,
                                "SMTP connect refused", t.plusSeconds(86_400)));
            }
            if (i % 2 == 0) {
                // An alert's suggestion, replaced by a responder's choice for one of them.
                publish(counts, "alertmanager", new IncidentTypeSet(id, "service-outage", "Service outage",
                        List.of(new ChecklistItem("health", "Check health"), new ChecklistItem("verify", "Verify")), true,
                        t.plusSeconds(5)));
                publish(counts, "alice", new ChecklistItemTicked(id, IncidentTypeSet.RUNBOOK_CHECKLIST, "health", true, "alice",
                        t.plusSeconds(50)));
            }
            if (i == 2) {
                publish(counts, "alice", new IncidentTypeSet(id, "database-connections", "Database connection issues",
                        List.of(new ChecklistItem("pool", "Check the pool"), new ChecklistItem("verify", "Verify")), false,
                        t.plusSeconds(70)), new ChecklistItemTicked(id, IncidentTypeSet.RUNBOOK_CHECKLIST, "pool", true, "carol",
                        t.plusSeconds(80)), new ChecklistItemTicked(id, IncidentTypeSet.RUNBOOK_CHECKLIST, "pool", false, "carol",
                        t.plusSeconds(90)));
            }
            if (i == 0 || i == 3) {
                publish(counts, "alice", new RoleAssigned(id, IncidentRole.INCIDENT_COMMANDER, "carol", t.plusSeconds(30)));
            }
            if (i % 2 == 0) {
                publish(counts, "alice", Incidents.acknowledged(id, t, 3 + i));
            }
            if (i % 3 == 0) {
                String raisedId = publish(counts, "alice", new SeverityChanged(id, severity, Severity.SEV1, "spreading",
                        t.plusSeconds(600)));
                notify(new LevelTold(id, raisedId, 3, "engineering manager", List.of(), OnCallSource.NOBODY, null,
                        t.plusSeconds(601)));
                publish(counts, "alice", new IncidentEscalated(id, 4, EscalationReason.MANUAL, "all hands", t.plusSeconds(660)));
            }
            if (i == 0) {
                String decisionId = publish(counts, "system", new DecisionOverdue(id, Recommendation.ROLLBACK_NOW,
                        t.plusSeconds(300)));
                notify(new StatusPosted(id, decisionId, StatusPostKind.OFFLINE, "Checkout", List.of("Checkout"),
                        "We have temporarily taken checkout offline.", t.plusSeconds(301)));
            }
            if (i == 1) {
                publish(counts, "alertmanager", new AlertReceived(id, "alertmanager", "fp-" + i, "errors again", null,
                        t.plusSeconds(100)));
            }
            if (i == 3) {
                publish(counts, "alertmanager", new AlertReceived(id, "alertmanager", "fp-" + i, "errors up", Severity.SEV2,
                        t.plusSeconds(120), new AlertRecommendation(new BigDecimal("6.5"), Priority.HIGH,
                        Recommendation.ROLLBACK, t.plusSeconds(1020))));
            }
            if (i % 2 == 0) {
                publish(counts, "alice", new IncidentNoteAdded(id, "n-" + i, "Hypothesis " + i + ": the deploy", "alice",
                        t.plusSeconds(200)));
            }
            if (i == 1 || i == 2) {
                publish(counts, "carol", new MitigationApplied(id, "m-" + i, i == 1 ? MitigationKind.QUICK_FIX
                        : MitigationKind.WORKAROUND, "stopped the harm", "carol", t.plusSeconds(800 + i * 100L)));
            }
            RollbackProcedure procedure = RollbackProcedure.values()[i % 4];
            publish(counts, "dave", new RollbackStarted(id, "rb-" + i, procedure, List.of("svc-" + (i % 3)), "v" + i,
                    "bad deploy", t.plusSeconds(900)));
            String checklist = ChecklistItemTicked.rollbackChecklist("rb-" + i);
            publish(counts, "dave", new ChecklistItemTicked(id, checklist, "before-assess", true, "dave", t.plusSeconds(905)),
                    new ChecklistItemTicked(id, checklist, RollbackChecklists.steps(procedure).get(0).id(), true, "dave",
                            t.plusSeconds(910)));
            // Verified (every verification item ticked) for the even ones; the odd ones miss some, one ticked and unticked.
            List<ChecklistItem> verify = i % 2 == 0 ? RollbackChecklists.VERIFY : RollbackChecklists.VERIFY.subList(0, 2);
            for (int v = 0; v < verify.size(); v++) {
                publish(counts, "dave", new ChecklistItemTicked(id, checklist, verify.get(v).id(), true, "erin",
                        t.plusSeconds(1000 + v)));
            }
            if (i % 2 == 1) {
                publish(counts, "erin", new ChecklistItemTicked(id, checklist, verify.get(1).id(), false, "erin", t.plusSeconds(1010)));
            }
            if (i == 3 || i == 5) {
                Duration bound = RollbackDurations.DEFAULT.expectedFor(procedure).max();
                publish(counts, "system", new RollbackOverran(id, "rb-" + i, procedure, bound, t.plusSeconds(900).plus(bound)));
            }
            if (i != 5) { // the last one is still running when it is resolved
                publish(counts, "dave", i % 2 == 0 ? new RollbackCompleted(id, "rb-" + i, t.plusSeconds(900 + i * 240L))
                        : new RollbackFailed(id, "rb-" + i, "stuck", t.plusSeconds(1500)));
            }
            publish(counts, "dave", i % 2 == 0
                            ? new IncidentStatusUpdated(id, StatusPagePhase.MONITORING, "Watching", t.plusSeconds(1600),
                            "Checkout slower than usual", List.of("Checkout", "Payments"))
                            : new IncidentStatusUpdated(id, StatusPagePhase.MONITORING, "Watching", t.plusSeconds(1600)),
                    Incidents.resolved(id, t, 40 + i * 30L));
            if (i == 4) {
                publish(counts, "erin", new IncidentReopened(id, "back again", t.plusSeconds(20_000)),
                        Incidents.resolved(id, t, 400));
            }
            publish(counts, "erin", new PostMortemActionItemAdded(id, "ai-" + i, "Prevent it", "erin",
                    LocalDate.parse("2026-07-01"), t.plusSeconds(30_000)));
            // The post-mortem's follow-up: the team's sections, action items updated and reminded, scheduled, late, done.
            publish(counts, "frank", new PostMortemSectionWritten(id, PostMortemSection.values()[i % 3], "Written " + i, "frank",
                    t.plusSeconds(31_000)));
            if (i % 3 == 0) {
                publish(counts, "gina", new PostMortemSectionWritten(id, PostMortemSection.values()[i % 3], "Rewritten " + i,
                        "gina", t.plusSeconds(31_500)));
            }
            if (i == 1) {
                publish(counts, "erin", new ActionItemUpdated(id, "ai-" + i, "frank", LocalDate.parse("2026-07-01"),
                        ActionItemStatus.DONE, "erin", t.plusSeconds(32_000)));
            }
            if (i == 2 || i == 3) {
                publish(counts, "system", new ActionItemOverdue(id, "ai-" + i, "erin", LocalDate.parse("2026-07-01"),
                        Instant.parse("2026-07-02T00:00:00Z")));
            }
            if (i == 3) {
                publish(counts, "erin", new ActionItemUpdated(id, "ai-" + i, "erin", LocalDate.parse("2026-08-01"),
                        ActionItemStatus.WONT_DO, "erin", Instant.parse("2026-07-03T00:00:00Z")));
            }
            if (i == 2) {
                Instant due = t.plusSeconds(40_000);
                publish(counts, "carol", new PostMortemScheduled(id, "gina", due, t.plusSeconds(33_000)));
                publish(counts, "system", new PostMortemOverdue(id, "gina", due));
            }
            if (i == 0) {
                publish(counts, "carol", new PostMortemCompleted(id, "carol", t.plusSeconds(34_000)));
            }
        }
        return counts;
    }

    /** Publishes the events and counts them per incident, so the test can wait for every one of them; returns the first's ce_id. */
    private static String publish(Map<String, Integer> counts, String actor, IncidentEvent... events) {
        List<ProducerRecord<String, String>> records = feed.publish(actor, events);
        for (IncidentEvent event : events) {
            counts.merge(event.incidentId(), 1, Integer::sum);
        }
        return EventFeed.header(records.get(0), io.incidents.events.CloudEventHeaders.ID);
    }

    /** Publishes what notification-service did, as it does, and counts it per incident. */
    private static void notify(NotificationEvent... events) {
        notificationFeed.publish(events);
        for (NotificationEvent event : events) {
            notificationsPublished.merge(event.incidentId(), 1, Integer::sum);
        }
    }
}
