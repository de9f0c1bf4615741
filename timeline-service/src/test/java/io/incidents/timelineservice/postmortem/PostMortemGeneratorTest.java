package io.incidents.timelineservice.postmortem;

import io.incidents.events.AlertRecommendation;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.EscalationReason;
import io.incidents.events.EventJson;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.sla.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostMortemGeneratorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000003";
    private final PostMortemGenerator generator = new PostMortemGenerator(SlaPolicy.DEFAULT, RollbackDurations.DEFAULT);

    private final List<StoredEvent> events = EventFeed.stored("alice",
            Incidents.declared(ID, Severity.SEV2, T0, "billing"),
            Incidents.acknowledged(ID, T0, 10),
            new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "Payments fail for some cards.", T0.plusSeconds(900)),
            new IncidentEscalated(ID, 3, EscalationReason.MANUAL, "card network", T0.plusSeconds(1000)),
            new RollbackStarted(ID, "rb-1", RollbackProcedure.B, List.of("billing"), "v4.1.0", "migration", T0.plusSeconds(1200)),
            new RollbackCompleted(ID, "rb-1", T0.plusSeconds(1200 + 25 * 60)),
            Incidents.resolved(ID, T0, 200),
            new PostMortemActionItemAdded(ID, "ai-1", "Test migrations on a copy", "erin", LocalDate.parse("2026-12-01"),
                    T0.plusSeconds(13_000)));

    @Test
    void thePostMortemHasEverySectionOfTheSpec() {
        PostMortem pm = generator.generate(events).orElseThrow();

        assertThat(pm.summary()).isEqualTo("fixed");
        assertThat(pm.rootCause()).isEqualTo("a bad deploy");
        assertThat(pm.impact().durationSeconds()).isEqualTo(200 * 60);
        assertThat(pm.metrics().timeToAcknowledge().seconds()).isEqualTo(600);
        assertThat(pm.metrics().timeToAcknowledge().targetSeconds()).isEqualTo(15 * 60);
        assertThat(pm.metrics().timeToAcknowledge().verdict()).isEqualTo(Verdict.MET);
        assertThat(pm.metrics().timeToMitigate().seconds()).isEqualTo(1200 + 25 * 60);
        assertThat(pm.metrics().timeToResolve().verdict()).isEqualTo(Verdict.MET);
        assertThat(pm.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.durationSeconds()).isEqualTo(25 * 60);
            assertThat(r.overrun()).isTrue();
        });
        assertThat(pm.escalations()).singleElement().satisfies(e -> assertThat(e.levelName()).isEqualTo("engineering manager"));
        assertThat(pm.communications()).singleElement().satisfies(c -> assertThat(c.phase()).isEqualTo(StatusPagePhase.IDENTIFIED));
        assertThat(pm.actionItems()).singleElement().satisfies(a -> assertThat(a.owner()).isEqualTo("erin"));
        assertThat(pm.timeline()).hasSize(events.size());

        String markdown = PostMortemMarkdown.render(pm);
        assertThat(markdown).contains("# Post-mortem: Incident 5a0d2c1e", "## Impact", "## Timeline (UTC)",
                "| Time to acknowledge (TTA) | 10 m 0 s | 15 m 0 s | met |", "**over the expected time**",
                "## Root cause\n\na bad deploy", "- [ ] Test migrations on a copy (erin, due 2026-12-01)",
                "## What went well\n\n_Not written yet: to be filled in by the team._", "## What could be improved",
                "## Lessons\n\n_Not written yet: to be filled in by the team._");
    }

    @Test
    void findingsMitigationsAndDecideByRemindersAreReportedAndTheFirstMitigationOfAnyKindStopsTheTtm() throws Exception {
        List<StoredEvent> mitigatedEarly = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV1, T0, "billing"),
                new DecisionOverdue(ID, Recommendation.ROLLBACK_NOW, T0.plusSeconds(300)),
                new IncidentNoteAdded(ID, "n-1", "card network times out\nsince 07:55", "alice", T0.plusSeconds(360)),
                new MitigationApplied(ID, "m-1", MitigationKind.WORKAROUND, "payments queued for retry", "bob",
                        T0.plusSeconds(720)),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("billing"), "v4.1.0", "deploy", T0.plusSeconds(800)),
                new RollbackCompleted(ID, "rb-1", T0.plusSeconds(1100)),
                new MitigationApplied(ID, "m-2", MitigationKind.QUICK_FIX, "timeout raised", "carol", T0.plusSeconds(1500)),
                Incidents.resolved(ID, T0, 40));

        PostMortem pm = generator.generate(mitigatedEarly).orElseThrow();

        assertThat(pm.metrics().timeToMitigate().seconds()).as("the workaround came before the rollback").isEqualTo(720);
        assertThat(pm.findings()).containsExactly(
                new PostMortem.Finding("card network times out\nsince 07:55", "alice", T0.plusSeconds(360)));
        assertThat(pm.mitigations()).extracting(PostMortem.Mitigation::kind)
                .containsExactly(MitigationKind.WORKAROUND, MitigationKind.QUICK_FIX);
        assertThat(pm.decisionReminders()).containsExactly(
                new PostMortem.DecisionReminder(Recommendation.ROLLBACK_NOW, T0.plusSeconds(300)));
        assertThat(PostMortemMarkdown.render(pm)).contains(
                "| Time to mitigate (TTM) | 12 m 0 s | no target | - |",
                "## Findings\n\nThe responders' notes (internal).\n\n"
                        + "- 2026-11-02 08:06:00 alice: card network times out\n  since 07:55\n\n",
                "## Mitigations\n\n- 2026-11-02 08:12:00 a workaround by bob: payments queued for retry\n"
                        + "- 2026-11-02 08:25:00 a quick fix by carol: timeout raised\n\n",
                "## Decide-by reminders\n\n- 2026-11-02 08:05:00 ROLLBACK_NOW was due and no rollback had started:"
                        + " the current levels were reminded\n",
                "- 2026-11-02 08:06:00 alice noted (internal): card network times out\n  since 07:55\n");
        assertThat(EventJson.newMapper().writeValueAsString(pm)).contains("\"findings\":[{\"text\":\"card network",
                "\"mitigations\":[{\"kind\":\"WORKAROUND\"", "\"decisionReminders\":[{\"recommendation\":\"ROLLBACK_NOW\"");
    }

    @Test
    void anIncidentWithNothingOfTheKindSaysSoAndHasNoReminderSection() {
        String markdown = PostMortemMarkdown.render(generator.generate(events).orElseThrow());

        assertThat(markdown).contains("## Findings\n\nNo findings were noted.\n",
                "## Mitigations\n\nNo quick fix or workaround was recorded.\n").doesNotContain("Decide-by");
    }

    @Test
    void aRollbackStillRunningAtTheResolutionIsJudgedAsOfTheResolution() {
        // Procedure A may take 10 min: one ran 15 min when the incident was resolved, the other 7 min.
        List<StoredEvent> pastItsBound = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "billing"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("billing"), "v4.1.0", "deploy", T0.plusSeconds(300)),
                Incidents.resolved(ID, T0, 20),
                new PostMortemActionItemAdded(ID, "ai-1", "Finish rollbacks", "erin", null, T0.plusSeconds(86_400)));
        List<StoredEvent> withinItsBound = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "billing"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("billing"), "v4.1.0", "deploy", T0.plusSeconds(300)),
                Incidents.resolved(ID, T0, 12),
                new PostMortemActionItemAdded(ID, "ai-1", "Finish rollbacks", "erin", null, T0.plusSeconds(86_400)));

        PostMortem.RollbackReport past = generator.generate(pastItsBound).orElseThrow().rollbacks().get(0);
        PostMortem.RollbackReport within = generator.generate(withinItsBound).orElseThrow().rollbacks().get(0);

        assertThat(past.durationSeconds()).isNull();
        assertThat(past.stillRunningSeconds()).as("at the resolution, not at the later action item").isEqualTo(15 * 60);
        assertThat(past.overrun()).isTrue();
        assertThat(within.stillRunningSeconds()).isEqualTo(7 * 60);
        assertThat(within.overrun()).isFalse();
        assertThat(PostMortemMarkdown.render(generator.generate(pastItsBound).orElseThrow()))
                .contains("| A (code rollback) | v4.1.0 | running | still running (15 m 0 s at resolution) | 5 m 0 s to 10 m 0 s"
                        + " | **over the expected time** |");
    }

    @Test
    void aRecordedOverrunFlagsTheRollbackInADraftJudgedAsOfItsLastEvent() {
        // The overrun is recorded exactly at the bound: by the time taken alone it is not over it yet.
        List<StoredEvent> open = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "billing"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.B, List.of("billing"), "v4.1.0", "migration", T0.plusSeconds(300)),
                new RollbackOverran(ID, "rb-1", RollbackProcedure.B, Duration.ofMinutes(20), T0.plusSeconds(1500)));

        PostMortem pm = generator.generate(open).orElseThrow();

        assertThat(pm.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.stillRunningSeconds()).isEqualTo(20 * 60);
            assertThat(r.overranAt()).isEqualTo(T0.plusSeconds(1500));
            assertThat(r.overrun()).isTrue();
        });
        assertThat(PostMortemMarkdown.render(pm)).contains("still running (20 m 0 s at the last event)",
                "rollback to v4.1.0 (procedure B, expected within 20 m 0 s) overran");
    }

    @Test
    void anOutageAlertWithoutAnErrorRateStillGivesItsRecommendation() {
        IncidentDeclared declared = new IncidentDeclared(ID, "Checkout down", null, Severity.SEV1, List.of("checkout"),
                IncidentSource.alert("pagerduty", "dk-1"), T0,
                new AlertRecommendation(null, Priority.CRITICAL, Recommendation.ROLLBACK_NOW, T0.plusSeconds(300)));

        PostMortem pm = generator.generate(EventFeed.stored("pagerduty", declared)).orElseThrow();

        assertThat(PostMortemMarkdown.render(pm)).contains("The outage the alert reported called for ROLLBACK_NOW (priority"
                + " CRITICAL, decide by 2026-11-02 08:05:00).", "affecting checkout; outage: ROLLBACK_NOW within 5 m 0 s");
    }

    @Test
    void responseTimesAndTheImpactRunFromDetection() throws Exception {
        // SPEC 4 case 9: SEV2 detected 10 min before its declaration; ack 3, rollback done 20, resolved 100.
        List<StoredEvent> detectedEarly = EventFeed.stored("alice",
                Incidents.detected(ID, Severity.SEV2, T0, T0.minusSeconds(600), "billing"),
                Incidents.acknowledged(ID, T0, 3),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("billing"), "v4.1.0", "deploy", T0.plusSeconds(600)),
                new RollbackCompleted(ID, "rb-1", T0.plusSeconds(1200)),
                Incidents.resolved(ID, T0, 100));

        PostMortem pm = generator.generate(detectedEarly).orElseThrow();

        assertThat(pm.impact().declaredAt()).isEqualTo(T0);
        assertThat(pm.impact().detectedAt()).isEqualTo(T0.minusSeconds(600));
        assertThat(pm.impact().detectedAtAsGiven()).isNull();
        assertThat(pm.impact().durationSeconds()).isEqualTo(110 * 60);
        assertThat(pm.metrics().timeToAcknowledge()).isEqualTo(new PostMortem.Metric(13 * 60L, 15 * 60L, Verdict.MET));
        assertThat(pm.metrics().timeToMitigate().seconds()).isEqualTo(30 * 60);
        assertThat(pm.metrics().timeToResolve()).isEqualTo(new PostMortem.Metric(110 * 60L, 240 * 60L, Verdict.MET));
        assertThat(PostMortemMarkdown.render(pm)).contains(
                "- Declared: 2026-11-02 08:00:00\n- Detected: 2026-11-02 07:50:00 (10 m 0 s before declaration)\n",
                "- Duration: 1 h 50 m (from detection)\n",
                "Measured from detection (2026-11-02 07:50:00), where the SLA clocks start, not from the declaration.",
                "| Time to acknowledge (TTA) | 13 m 0 s | 15 m 0 s | met |",
                "| Time to mitigate (TTM) | 30 m 0 s | no target | - |",
                "| Time to resolve (TTR) | 1 h 50 m | 4 h 0 m | met |");
        String json = EventJson.newMapper().writeValueAsString(pm);
        assertThat(json).contains("\"detectedAt\":\"2026-11-02T07:50:00Z\"", "\"detectedAtAsGiven\":null")
                .doesNotContain("detectionWorthTelling");
    }

    @Test
    void aClampedDetectionTimeIsShownWithTheTimeGiven() {
        PostMortem pm = generator.generate(EventFeed.stored("alice",
                Incidents.detected(ID, Severity.SEV4, T0, T0.minus(Duration.ofHours(30)), "billing"),
                Incidents.acknowledged(ID, T0, 10))).orElseThrow();

        assertThat(pm.impact().detectedAt()).isEqualTo(T0.minus(Duration.ofHours(24)));
        assertThat(pm.impact().detectedAtAsGiven()).isEqualTo(T0.minus(Duration.ofHours(30)));
        assertThat(pm.metrics().timeToAcknowledge()).isEqualTo(new PostMortem.Metric(24 * 3600L + 600, 3600L, Verdict.BREACHED));
        assertThat(PostMortemMarkdown.render(pm)).contains("- Detected: 2026-11-01 08:00:00 (1 d 0 h before declaration;"
                + " the time given, 2026-11-01 02:00:00, was more than 24 h before the declaration and was clamped)\n");
    }

    @Test
    void anIncidentDetectedWhenDeclaredHasNoDetectionLine() {
        String markdown = PostMortemMarkdown.render(generator.generate(events).orElseThrow());

        assertThat(markdown).doesNotContain("Detected", "from detection");
    }

    @Test
    void theSameEventsAlwaysGiveTheSameDocument() {
        String first = PostMortemMarkdown.render(generator.generate(events).orElseThrow());
        String second = PostMortemMarkdown.render(generator.generate(List.copyOf(events)).orElseThrow());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anOpenIncidentGivesADraftJudgedAsOfItsLastEvent() {
        PostMortem pm = generator.generate(events.subList(0, 2)).orElseThrow();

        assertThat(pm.resolved()).isFalse();
        assertThat(pm.metrics().timeToResolve().verdict()).isEqualTo(Verdict.RUNNING);
        assertThat(PostMortemMarkdown.render(pm)).contains("(draft: not resolved yet)", "- Resolved: not yet");
    }
}
