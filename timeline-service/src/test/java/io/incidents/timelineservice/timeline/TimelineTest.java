package io.incidents.timelineservice.timeline;

import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.IncidentRole;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.notification.LevelTold;
import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.timelineservice.notification.StoredNotification;
import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.postmortem.PostMortemGenerator;
import io.incidents.timelineservice.postmortem.PostMortemMarkdown;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.support.events.StoredEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000001";

    @Test
    void everyEventBecomesASentenceWithWhoAndHowLongItTook() {
        List<StoredEvent> events = EventFeed.stored("bob",
                Incidents.declared(ID, Severity.SEV2, T0, "checkout"),
                new IncidentAcknowledged(ID, "alice", T0.plusSeconds(192)),
                new SeverityChanged(ID, Severity.SEV2, Severity.SEV1, "all regions", T0.plusSeconds(300)),
                new RoleAssigned(ID, IncidentRole.INCIDENT_COMMANDER, "carol", T0.plusSeconds(320)),
                new IncidentEscalated(ID, 4, EscalationReason.ACK_OVERDUE, null, T0.plusSeconds(330)),
                Incidents.resolved(ID, T0, 65));

        List<TimelineEntry> entries = Timeline.of(events, RollbackDurations.DEFAULT);

        assertThat(entries).extracting(TimelineEntry::text).containsExactly(
                "bob declared SEV2 \"Incident 5a0d2c1e\" affecting checkout",
                "alice acknowledged after 3 m 12 s",
                "bob raised severity from SEV2 to SEV1: all regions",
                "carol is now incident commander",
                "Escalated to level 4 (CTO): not acknowledged in time",
                "bob resolved after 1 h 5 m: fixed");
        assertThat(entries).extracting(TimelineEntry::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(entries.get(1).at()).isEqualTo(T0.plusSeconds(192));
    }

    @Test
    void whatAnEventCalledForFollowsItEvenWhenItsTimeReadsAHairEarlier() {
        // The declaration as stored here lost its last digits; notification-service's copy of the time kept them.
        List<StoredEvent> events = EventFeed.stored("bob", Incidents.declared(ID, Severity.SEV2, T0.plusNanos(500), "checkout"));
        List<StoredNotification> notifications = List.of(StoredNotification.of("n-1", new LevelTold(ID, events.get(0).eventId(),
                1, "on-call engineer", List.of("Alice Example"), OnCallSource.SCHEDULE, "s-1", T0)));

        assertThat(Timeline.of(events, notifications, RollbackDurations.DEFAULT)).extracting(TimelineEntry::type)
                .containsExactly("IncidentDeclared", "LevelTold");
    }

    @Test
    void notificationServicesEventsAreInterleavedByTimeAndMarkedAsItsOwn() {
        List<StoredEvent> events = EventFeed.stored("bob",
                Incidents.declared(ID, Severity.SEV2, T0, "checkout"),
                new IncidentAcknowledged(ID, "alice", T0.plusSeconds(192)),
                Incidents.resolved(ID, T0, 65));
        String declared = events.get(0).eventId();
        // Out of order on purpose; one at the very moment of the acknowledgement, which it follows.
        List<StoredNotification> notifications = List.of(
                StoredNotification.of("n-3", new StatusPosted(ID, events.get(2).eventId(), StatusPostKind.RESOLVED, "Checkout",
                        List.of("Checkout", "Payments"), "Resolved.", T0.plusSeconds(3901))),
                StoredNotification.of("n-2", new MessageParked(ID, declared, 7, MessageChannel.EMAIL, "Support", "support-alert", 301,
                        "SMTP connect refused", T0.plusSeconds(192))),
                StoredNotification.of("n-1", new LevelTold(ID, declared, 1, "on-call engineer", List.of("Alice Example", "Ravi Shah"),
                        OnCallSource.SCHEDULE, "s-1", T0.plusSeconds(1))));

        List<TimelineEntry> entries = Timeline.of(events, notifications, RollbackDurations.DEFAULT);

        assertThat(entries).extracting(TimelineEntry::text).containsExactly(
                "bob declared SEV2 \"Incident 5a0d2c1e\" affecting checkout",
                "level 1 (on-call engineer) told: Alice Example, Ravi Shah (on-call schedule)",
                "alice acknowledged after 3 m 12 s",
                "support-alert by email to Support NOT delivered: parked after 301 attempts (SMTP connect refused)",
                "bob resolved after 1 h 5 m: fixed",
                "status page: Resolved posted as \"Checkout\" (Checkout, Payments): Resolved.");
        assertThat(entries).extracting(TimelineEntry::source).containsExactly("incident-service", "notification-service",
                "incident-service", "notification-service", "incident-service", "notification-service");
        assertThat(entries).extracting(TimelineEntry::sequence).containsExactly(0L, null, 1L, null, 2L, null);
        assertThat(entries).extracting(TimelineEntry::type).containsExactly("IncidentDeclared", "LevelTold",
                "IncidentAcknowledged", "MessageParked", "IncidentResolved", "StatusPosted");
        assertThat(entries.get(1).eventId()).isEqualTo("n-1");
    }

    @Test
    void aProblemDetectedBeforeItsDeclarationIsSaidAndTimesRunFromIt() {
        List<StoredEvent> events = EventFeed.stored("bob",
                Incidents.detected(ID, Severity.SEV2, T0, T0.minusSeconds(600), "checkout"),
                new IncidentAcknowledged(ID, "alice", T0.plusSeconds(180)),
                Incidents.resolved(ID, T0, 100));

        List<TimelineEntry> entries = Timeline.of(events, RollbackDurations.DEFAULT);

        assertThat(entries).extracting(TimelineEntry::text).containsExactly(
                "bob declared SEV2 \"Incident 5a0d2c1e\" affecting checkout; detected 10 m 0 s before declaration"
                        + " at 2026-11-02T07:50:00Z",
                "alice acknowledged 13 m 0 s after detection, 3 m 0 s after declaration",
                "bob resolved 1 h 50 m after detection, 1 h 40 m after declaration: fixed");
        assertThat(entries.get(0).at()).as("the entry stays at the declaration").isEqualTo(T0);
    }

    @Test
    void aDetectionTimeThatHadToBeClampedIsSaid() {
        String tooOld = Timeline.of(EventFeed.stored("bob",
                Incidents.detected(ID, Severity.SEV2, T0, T0.minus(Duration.ofHours(30)), "checkout")), RollbackDurations.DEFAULT)
                .get(0).text();
        String future = Timeline.of(EventFeed.stored("bob",
                Incidents.detected(ID, Severity.SEV2, T0, T0.plusSeconds(120), "checkout")), RollbackDurations.DEFAULT)
                .get(0).text();

        assertThat(tooOld).endsWith("affecting checkout; detected 1 d 0 h before declaration at 2026-11-01T08:00:00Z"
                + " (the time given, 2026-11-01T02:00:00Z, was more than 24 h before the declaration and was clamped)");
        assertThat(future).endsWith("affecting checkout; the detection time given (2026-11-02T08:02:00Z) was after the"
                + " declaration and was clamped to it");
    }

    @Test
    void aDetectionAtTheDeclarationAddsNothing() {
        List<StoredEvent> events = EventFeed.stored("bob",
                Incidents.detected(ID, Severity.SEV2, T0, null, "checkout"),
                new IncidentAcknowledged(ID, "alice", T0.plusSeconds(192)));

        assertThat(Timeline.of(events, RollbackDurations.DEFAULT)).extracting(TimelineEntry::text).containsExactly(
                "bob declared SEV2 \"Incident 5a0d2c1e\" affecting checkout", "alice acknowledged after 3 m 12 s");
    }

    @Test
    void aRollbackPastItsProcedureUpperBoundIsFlagged() {
        List<StoredEvent> events = EventFeed.stored("dave",
                Incidents.declared(ID, Severity.SEV1, T0, "checkout"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.C, List.of("checkout"), "v1.2.3", "bad deploy", T0.plusSeconds(60)),
                new RollbackCompleted(ID, "rb-1", T0.plusSeconds(60 + 7 * 60)));

        List<TimelineEntry> entries = Timeline.of(events, RollbackDurations.DEFAULT);

        assertThat(entries.get(1).text()).isEqualTo("dave started a partial rollback (procedure C) of checkout to v1.2.3: bad deploy");
        assertThat(entries.get(2).text()).isEqualTo("rollback to v1.2.3 completed after 7 m 0 s (over the 5 m 0 s expected for procedure C)");
    }

    @Test
    void anAlertBornIncidentShowsTheDecisionMatrixRecommendation() {
        IncidentDeclared declared = new IncidentDeclared(ID, "Checkout error rate above 10%", null, Severity.SEV1,
                List.of("checkout"), IncidentSource.alert("alertmanager", "fp-9"), T0,
                new AlertRecommendation(new BigDecimal("12.5"), Priority.CRITICAL, Recommendation.ROLLBACK_NOW, T0.plusSeconds(300)));

        List<TimelineEntry> entries = Timeline.of(EventFeed.stored("alertmanager", declared), RollbackDurations.DEFAULT);

        assertThat(entries.get(0).text()).isEqualTo("alert fp-9 from alertmanager declared SEV1 \"Checkout error rate above 10%\""
                + " affecting checkout; error rate 12.5 %: ROLLBACK_NOW within 5 m 0 s");
        assertThat(PostMortemMarkdown.render(new PostMortemGenerator(SlaPolicy.DEFAULT, RollbackDurations.DEFAULT)
                .generate(EventFeed.stored("alertmanager", declared)).orElseThrow()))
                .contains("## Alert recommendation\n\nThe alert's error rate of 12.5 % called for ROLLBACK_NOW (priority CRITICAL,"
                        + " decide by 2026-11-02 08:05:00).");
    }

    @Test
    void notesMitigationsRemindersAndOverrunsAreSaidWithWhoAndWhat() {
        List<StoredEvent> events = EventFeed.stored("system",
                Incidents.declared(ID, Severity.SEV1, T0, "checkout"),
                new DecisionOverdue(ID, Recommendation.ROLLBACK_NOW, T0.plusSeconds(300)),
                new IncidentNoteAdded(ID, "n-1", "pool exhausted since the 08:00 deploy", "alice", T0.plusSeconds(400)),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("checkout"), "v1.2.3", "bad deploy", T0.plusSeconds(420)),
                new RollbackOverran(ID, "rb-1", RollbackProcedure.A, Duration.ofMinutes(10), T0.plusSeconds(1020)),
                new MitigationApplied(ID, "m-1", MitigationKind.WORKAROUND, "traffic moved to eu-west", "bob", T0.plusSeconds(1080)),
                new MitigationApplied(ID, "m-2", MitigationKind.QUICK_FIX, "pool size doubled", "carol", T0.plusSeconds(1140)));

        List<TimelineEntry> entries = Timeline.of(events, RollbackDurations.DEFAULT);

        assertThat(entries).extracting(TimelineEntry::text).containsExactly(
                "system declared SEV1 \"Incident 5a0d2c1e\" affecting checkout",
                "decide-by passed: ROLLBACK_NOW was due by 2026-11-02T08:05:00Z and no rollback had started; levels reminded",
                "alice noted (internal): pool exhausted since the 08:00 deploy",
                "system started a code rollback (procedure A) of checkout to v1.2.3: bad deploy",
                "rollback to v1.2.3 (procedure A, expected within 10 m 0 s) overran",
                "bob applied a workaround after 18 m 0 s: traffic moved to eu-west",
                "carol applied a quick fix after 19 m 0 s: pool size doubled");
        assertThat(entries).filteredOn(TimelineEntry::internal).extracting(TimelineEntry::type)
                .as("only the note is internal").containsExactly("IncidentNoteAdded");
    }

    @Test
    void aRepeatAlertSaysItsRecommendationAndNothingAboutASeverityItDidNotGive() {
        Instant again = T0.plusSeconds(600);
        List<StoredEvent> events = EventFeed.stored("alertmanager",
                Incidents.declared(ID, Severity.SEV3, T0, "checkout"),
                new AlertReceived(ID, "alertmanager", "fp-9", "Checkout errors", Severity.SEV2, again,
                        new AlertRecommendation(new BigDecimal("7.5"), Priority.HIGH, Recommendation.ROLLBACK, again.plusSeconds(900))),
                new AlertReceived(ID, "alertmanager", "fp-9", "Checkout errors", null, again.plusSeconds(60)),
                new AlertReceived(ID, "alertmanager", "fp-9", "Checkout down", Severity.SEV1, again.plusSeconds(120),
                        new AlertRecommendation(null, Priority.CRITICAL, Recommendation.ROLLBACK_NOW, again.plusSeconds(420))),
                new AlertReceived(ID, "alertmanager", "fp-9", "Checkout errors", Severity.SEV4, again.plusSeconds(180),
                        new AlertRecommendation(new BigDecimal("1.2"), Priority.LOW, Recommendation.FIX_FORWARD, null)));

        assertThat(Timeline.of(events, RollbackDurations.DEFAULT)).extracting(TimelineEntry::text).containsExactly(
                "alertmanager declared SEV3 \"Incident 5a0d2c1e\" affecting checkout",
                "alert \"Checkout errors\" (SEV2) fired again and was grouped here; error rate 7.5 %: ROLLBACK within 15 m 0 s",
                "alert \"Checkout errors\" fired again and was grouped here",
                "alert \"Checkout down\" (SEV1) fired again and was grouped here; outage: ROLLBACK_NOW within 5 m 0 s",
                "alert \"Checkout errors\" (SEV4) fired again and was grouped here; error rate 1.2 %: FIX_FORWARD");
    }

    @Test
    void aDrillTheTypeChecklistTicksAndThePublicStatusTextAreSaid() {
        String rollback = io.incidents.events.ChecklistItemTicked.rollbackChecklist("rb-1");
        List<io.incidents.events.IncidentEvent> events = new java.util.ArrayList<>(List.of(
                new IncidentDeclared(ID, "Game day: checkout down", null, Severity.SEV2, List.of("checkout"),
                        IncidentSource.manual(), T0, null, null, null, true),
                new io.incidents.events.IncidentTypeSet(ID, "service-outage", "Service outage",
                        List.of(new io.incidents.events.ChecklistItem("health", "Check the health endpoints")), true,
                        T0.plusSeconds(1)),
                new io.incidents.events.IncidentTypeSet(ID, "database-connections", "Database connection issues",
                        List.of(new io.incidents.events.ChecklistItem("pool-metrics", "Check the pool"),
                                new io.incidents.events.ChecklistItem("db-sessions", "List the sessions")), false,
                        T0.plusSeconds(60)),
                new io.incidents.events.ChecklistItemTicked(ID, "runbook", "pool-metrics", true, "alice", T0.plusSeconds(90)),
                new io.incidents.events.ChecklistItemTicked(ID, "runbook", "pool-metrics", false, "alice", T0.plusSeconds(95)),
                new io.incidents.events.IncidentStatusUpdated(ID, io.incidents.events.StatusPagePhase.INVESTIGATING,
                        "We are looking into it", T0.plusSeconds(100), "Checkout unavailable", List.of("Checkout", "Payments")),
                new io.incidents.events.IncidentStatusUpdated(ID, io.incidents.events.StatusPagePhase.IDENTIFIED,
                        "Found it", T0.plusSeconds(110)),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.C, List.of("checkout"), "v1.2.3", "bad deploy",
                        T0.plusSeconds(120)),
                new io.incidents.events.ChecklistItemTicked(ID, rollback, "before-assess", true, "bob", T0.plusSeconds(125)),
                new io.incidents.events.ChecklistItemTicked(ID, rollback, "step-identify", true, "bob", T0.plusSeconds(126))));
        long at = 200;
        for (io.incidents.events.ChecklistItem item : io.incidents.policy.RollbackChecklists.VERIFY) {
            events.add(new io.incidents.events.ChecklistItemTicked(ID, rollback, item.id(), true, "bob", T0.plusSeconds(at++)));
        }
        events.add(new io.incidents.events.ChecklistItemTicked(ID, rollback, "verify-watch", false, "carol", T0.plusSeconds(300)));

        List<String> texts = Timeline.of(EventFeed.stored("bob", events.toArray(io.incidents.events.IncidentEvent[]::new)),
                RollbackDurations.DEFAULT).stream().map(TimelineEntry::text).toList();

        assertThat(texts.subList(0, 10)).containsExactly(
                "DRILL: bob declared SEV2 \"Game day: checkout down\" affecting checkout",
                "type service-outage suggested by the alert (runbook \"Service outage\", 1 step)",
                "bob changed the type from service-outage to database-connections (runbook \"Database connection issues\", 2 steps)",
                "alice ticked \"Check the pool\" on the runbook",
                "alice unticked \"Check the pool\" on the runbook",
                "bob posted status Investigating: We are looking into it; public title \"Checkout unavailable\";"
                        + " components: Checkout, Payments",
                "bob posted status Identified: Found it",
                "bob started a partial rollback (procedure C) of checkout to v1.2.3: bad deploy",
                "bob ticked \"Assess: impact, error rate, what changed\" (before) of the rollback to v1.2.3",
                "bob ticked \"Identify the failed service\" (procedure C) of the rollback to v1.2.3");
        assertThat(texts.get(10)).isEqualTo("bob ticked \"Every service up and its health checks passing\" (verification)"
                + " of the rollback to v1.2.3");
        assertThat(texts.get(14)).as("the last verification item").isEqualTo("bob ticked \"Watched for 15 minutes\""
                + " (verification) of the rollback to v1.2.3; the rollback is verified");
        assertThat(texts.get(15)).isEqualTo("carol unticked \"Watched for 15 minutes\" (verification) of the rollback to v1.2.3;"
                + " the rollback is no longer verified");
    }

    @Test
    void thePostMortemsFollowUpIsSaid() {
        List<StoredEvent> events = EventFeed.stored("bob",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                Incidents.resolved(ID, T0, 30),
                new io.incidents.events.PostMortemActionItemAdded(ID, "ai-1", "Add an index alert", "erin",
                        java.time.LocalDate.parse("2026-11-05"), T0.plusSeconds(3600)),
                new io.incidents.events.ActionItemUpdated(ID, "ai-1", "frank", java.time.LocalDate.parse("2026-11-06"),
                        io.incidents.events.ActionItemStatus.OPEN, "carol", T0.plusSeconds(3700)),
                new io.incidents.events.ActionItemOverdue(ID, "ai-1", "frank", java.time.LocalDate.parse("2026-11-06"),
                        Instant.parse("2026-11-07T00:00:00Z")),
                new io.incidents.events.ActionItemUpdated(ID, "ai-1", "frank", java.time.LocalDate.parse("2026-11-06"),
                        io.incidents.events.ActionItemStatus.WONT_DO, "frank", Instant.parse("2026-11-07T09:00:00Z")),
                new io.incidents.events.PostMortemSectionWritten(ID, io.incidents.events.PostMortemSection.TO_IMPROVE,
                        "Alert earlier", "dana", T0.plusSeconds(4000)),
                new io.incidents.events.PostMortemSectionWritten(ID, io.incidents.events.PostMortemSection.TO_IMPROVE,
                        "Alert on the pool", "dana", T0.plusSeconds(4100)),
                new io.incidents.events.PostMortemScheduled(ID, "dana", Instant.parse("2026-11-04T10:00:00Z"), T0.plusSeconds(4200)),
                new io.incidents.events.PostMortemOverdue(ID, "dana", Instant.parse("2026-11-04T10:00:00Z")),
                new io.incidents.events.PostMortemCompleted(ID, "dana", Instant.parse("2026-11-04T12:00:00Z")));

        assertThat(Timeline.of(events, RollbackDurations.DEFAULT).stream().skip(3).map(TimelineEntry::text)).containsExactly(
                "carol updated action item \"Add an index alert\": owner erin → frank, due 2026-11-05 → 2026-11-06",
                "action item \"Add an index alert\" (frank) still open at the end of its due date 2026-11-06: overdue;"
                        + " its owner and the levels told were reminded",
                "frank updated action item \"Add an index alert\": status open → won't do",
                "dana wrote the post-mortem's \"What could be improved\": Alert earlier",
                "dana rewrote the post-mortem's \"What could be improved\": Alert on the pool",
                "bob scheduled the post-mortem for 2026-11-04T10:00:00Z, owned by dana",
                "post-mortem overdue: not completed by 2026-11-04T10:00:00Z (owner dana); its owner and the levels told"
                        + " were reminded",
                "dana completed the post-mortem");
    }

    @Test
    void durationsReadLikeAResponderSaysThem() {
        assertThat(HumanDuration.of(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(HumanDuration.of(Duration.ofSeconds(192))).isEqualTo("3 m 12 s");
        assertThat(HumanDuration.of(Duration.ofMinutes(65))).isEqualTo("1 h 5 m");
        assertThat(HumanDuration.of(Duration.ofHours(51))).isEqualTo("2 d 3 h");
    }
}
