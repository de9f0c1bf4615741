package io.incidents.timelineservice.incident;

import io.incidents.events.ActionItemStatus;
import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.IncidentDeclared;
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
import io.incidents.events.PostMortemSection;
import io.incidents.events.PostMortemSectionWritten;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;
import io.incidents.policy.RollbackChecklists;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentProjectorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000002";

    @Test
    void statusFollowsAcknowledgementMitigationResolutionAndReopen() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                Incidents.acknowledged(ID, T0, 2),
                new RollbackStarted(ID, "rb", RollbackProcedure.A, List.of("search"), "v9", "bad", T0.plusSeconds(300)),
                new RollbackCompleted(ID, "rb", T0.plusSeconds(600)),
                Incidents.resolved(ID, T0, 30),
                new IncidentReopened(ID, "errors again", T0.plusSeconds(3600)));

        assertThat(status(events.subList(0, 1))).isEqualTo(IncidentStatus.OPEN);
        assertThat(status(events.subList(0, 2))).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(status(events.subList(0, 3))).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(status(events.subList(0, 4))).isEqualTo(IncidentStatus.MITIGATED);
        assertThat(status(events.subList(0, 5))).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(status(events)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    void aQuickFixOrWorkaroundMitigatesAsACompletedRollbackDoes() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                Incidents.acknowledged(ID, T0, 2),
                new IncidentNoteAdded(ID, "n-1", "index shard <b>stuck</b>", "alice", T0.plusSeconds(240)),
                new MitigationApplied(ID, "m-1", MitigationKind.WORKAROUND, "reads served from the replica", "bob",
                        T0.plusSeconds(300)),
                Incidents.resolved(ID, T0, 30),
                new IncidentReopened(ID, "errors again", T0.plusSeconds(3600)));

        assertThat(status(events.subList(0, 3))).as("a note changes no status").isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(status(events.subList(0, 4))).isEqualTo(IncidentStatus.MITIGATED);
        assertThat(status(events)).isEqualTo(IncidentStatus.ACKNOWLEDGED);

        IncidentView view = IncidentProjector.project(events).orElseThrow();
        assertThat(view.notes()).containsExactly(
                new IncidentView.Note("n-1", "index shard <b>stuck</b>", "alice", T0.plusSeconds(240)));
        assertThat(view.mitigations()).containsExactly(new IncidentView.Mitigation("m-1", MitigationKind.WORKAROUND,
                "reads served from the replica", "bob", T0.plusSeconds(300)));
    }

    @Test
    void aRecordedOverrunMarksTheRollbackLiveWhateverThisServicesClockSays() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "search"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("search"), "v9", "bad", T0.plusSeconds(60)),
                new RollbackStarted(ID, "rb-2", RollbackProcedure.C, List.of("search"), "v8", "bad", T0.plusSeconds(90)),
                new RollbackOverran(ID, "rb-1", RollbackProcedure.A, Duration.ofMinutes(10), T0.plusSeconds(660)));
        IncidentView view = IncidentProjector.project(events).orElseThrow();
        // This service's clock a little behind incident-service's: by its own count the rollback is not over yet.
        Instant slowClock = T0.plusSeconds(650);

        assertThat(view.rollbacks()).extracting(IncidentView.Rollback::overranAt).containsExactly(T0.plusSeconds(660), null);
        assertThat(RollbackTiming.of(view, RollbackDurations.DEFAULT, slowClock)).extracting(RollbackTiming::overrun)
                .containsExactly(true, true);
        assertThat(RollbackTiming.of(view.rollbacks().get(0), RollbackDurations.DEFAULT, slowClock).secondsSoFar()).isEqualTo(590);
        assertThat(RollbackTiming.anyOverrun(IncidentProjector.project(events.subList(0, 3)).orElseThrow(),
                RollbackDurations.DEFAULT, T0.plusSeconds(300))).as("nothing past its bound yet").isFalse();
    }

    @Test
    void aRollbackStillRunningAtTheResolutionIsJudgedAsOfTheResolution() {
        List<StoredEvent> within = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "search"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("search"), "v9", "bad", T0.plusSeconds(300)),
                Incidents.resolved(ID, T0, 12));
        List<StoredEvent> past = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "search"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("search"), "v9", "bad", T0.plusSeconds(300)),
                Incidents.resolved(ID, T0, 20));
        Instant dayLater = T0.plus(Duration.ofDays(1));

        RollbackTiming resolvedWithin = RollbackTiming.of(IncidentProjector.project(within).orElseThrow(),
                RollbackDurations.DEFAULT, dayLater).get(0);
        RollbackTiming resolvedPast = RollbackTiming.of(IncidentProjector.project(past).orElseThrow(),
                RollbackDurations.DEFAULT, dayLater).get(0);

        assertThat(resolvedWithin.secondsSoFar()).isEqualTo(7 * 60);
        assertThat(resolvedWithin.overrun()).isFalse();
        assertThat(resolvedPast.secondsSoFar()).isEqualTo(15 * 60);
        assertThat(resolvedPast.overrun()).isTrue();
    }

    @Test
    void aViewStoredBeforeNotesAndMitigationsWereRecordedReadsWithNone() {
        IncidentView view = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "chat"),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("chat"), "v9", "bad", T0.plusSeconds(60))))
                .orElseThrow();
        String stored = IncidentViewJson.write(view).replace(",\"notes\":[],\"mitigations\":[]", "")
                .replace(",\"overranAt\":null", "");

        IncidentView read = IncidentViewJson.read(stored);

        assertThat(stored).doesNotContain("notes", "mitigations", "overranAt");
        assertThat(read.notes()).isEmpty();
        assertThat(read.mitigations()).isEmpty();
        assertThat(read).isEqualTo(view);
    }

    @Test
    void theTypeIsTheLatestSetAndEachChecklistItemShowsItsLatestTick() {
        String rollback = ChecklistItemTicked.rollbackChecklist("rb-1");
        List<IncidentEvent> events = new ArrayList<>(List.of(
                new IncidentDeclared(ID, "Game day", null, Severity.SEV2, List.of("chat"), IncidentSource.manual(), T0, null,
                        null, null, true),
                new IncidentTypeSet(ID, "service-outage", "Service outage", List.of(new ChecklistItem("health", "Health"),
                        new ChecklistItem("verify", "Verify")), true, T0.plusSeconds(1)),
                new ChecklistItemTicked(ID, "runbook", "verify", true, "alice", T0.plusSeconds(30)),
                new IncidentTypeSet(ID, "memory-leak", "Memory leak", List.of(new ChecklistItem("heap", "Heap dump"),
                        new ChecklistItem("verify", "Verify memory is flat")), false, T0.plusSeconds(60)),
                new ChecklistItemTicked(ID, "runbook", "heap", true, "bob", T0.plusSeconds(90)),
                new ChecklistItemTicked(ID, "runbook", "heap", false, "carol", T0.plusSeconds(95)),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.D, List.of("chat"), "off", "breach", T0.plusSeconds(120)),
                new ChecklistItemTicked(ID, rollback, "step-stop-all", true, "bob", T0.plusSeconds(130))));
        for (ChecklistItem item : RollbackChecklists.VERIFY.subList(0, 4)) {
            events.add(new ChecklistItemTicked(ID, rollback, item.id(), true, "bob", T0.plusSeconds(200)));
        }
        IncidentView fourOfFive = IncidentProjector.project(EventFeed.stored("alice", events.toArray(IncidentEvent[]::new)))
                .orElseThrow();
        events.add(new ChecklistItemTicked(ID, rollback, "verify-watch", true, "dave", T0.plusSeconds(1200)));
        IncidentView verified = IncidentProjector.project(EventFeed.stored("alice", events.toArray(IncidentEvent[]::new)))
                .orElseThrow();

        assertThat(verified.drill()).isTrue();
        assertThat(verified.type()).isEqualTo("memory-leak");
        assertThat(verified.runbookTitle()).isEqualTo("Memory leak");
        assertThat(verified.typeSuggested()).as("chosen by a responder").isFalse();
        assertThat(verified.checklists().runbook()).containsExactly(
                new IncidentView.CheckItem("heap", "Heap dump", false, "carol", T0.plusSeconds(95)),
                // An item id ticked under the earlier runbook stays ticked, as incident-service keeps it.
                new IncidentView.CheckItem("verify", "Verify memory is flat", true, "alice", T0.plusSeconds(30)));
        IncidentView.RollbackChecklist before = fourOfFive.checklists().rollbacks().get(0);
        assertThat(before.verified()).isFalse();
        assertThat(before.missing()).containsExactly("Watched for 15 minutes");
        assertThat(before.before()).extracting(IncidentView.CheckItem::done).containsOnly(false);
        assertThat(before.steps()).extracting(IncidentView.CheckItem::id)
                .containsExactly("step-stop-all", "step-status-page", "step-notify", "step-investigate");
        assertThat(before.steps().get(0).done()).isTrue();
        IncidentView.RollbackChecklist after = verified.checklists().rollbacks().get(0);
        assertThat(after.verified()).isTrue();
        assertThat(after.missing()).isEmpty();
        assertThat(after.verify().get(4)).isEqualTo(new IncidentView.CheckItem("verify-watch", "Watched for 15 minutes", true,
                "dave", T0.plusSeconds(1200)));
    }

    @Test
    void actionItemsAndThePostMortemAreOverdueOnceTheirDueTimePassesWhileOpen() {
        Instant resolvedAt = T0.plusSeconds(30 * 60);
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                new RoleAssigned(ID, IncidentRole.INCIDENT_COMMANDER, "carol", T0.plusSeconds(60)),
                Incidents.resolved(ID, T0, 30),
                new PostMortemActionItemAdded(ID, "ai-1", "Add an alert", "erin", LocalDate.parse("2026-11-05"),
                        resolvedAt.plusSeconds(60)),
                new PostMortemActionItemAdded(ID, "ai-2", "Fix the index", "frank", LocalDate.parse("2026-11-05"),
                        resolvedAt.plusSeconds(60)),
                new ActionItemUpdated(ID, "ai-2", "frank", LocalDate.parse("2026-11-05"), ActionItemStatus.DONE, "frank",
                        resolvedAt.plusSeconds(120)),
                new PostMortemSectionWritten(ID, PostMortemSection.LESSONS, "Index alerts", "dana", resolvedAt.plusSeconds(180)));
        IncidentView view = IncidentProjector.project(events).orElseThrow();
        Instant endOfDueDate = Instant.parse("2026-11-06T00:00:00Z");
        Instant postMortemDue = resolvedAt.plus(Duration.ofHours(48));

        assertThat(view.actionItems()).extracting(IncidentView.ActionItem::status)
                .containsExactly(ActionItemStatus.OPEN, ActionItemStatus.DONE);
        assertThat(view.actionItems()).extracting(IncidentView.ActionItem::overdue).as("as of the last event").containsOnly(false);
        assertThat(view.judgedAt(endOfDueDate.minusSeconds(1)).actionItems().get(0).overdue()).as("due until the day ends")
                .isFalse();
        assertThat(view.judgedAt(endOfDueDate).actionItems()).extracting(IncidentView.ActionItem::overdue)
                .as("the open one only").containsExactly(true, false);

        IncidentView.PostMortemFollowUp followUp = view.postMortem();
        assertThat(followUp.dueAt()).isEqualTo(postMortemDue);
        assertThat(followUp.owner()).as("the incident commander").isEqualTo("carol");
        assertThat(followUp.scheduled()).isFalse();
        assertThat(followUp.sections()).containsExactly(new IncidentView.TeamSection(PostMortemSection.LESSONS, "Index alerts",
                "dana", resolvedAt.plusSeconds(180)));
        assertThat(view.judgedAt(postMortemDue.minusSeconds(1)).postMortem().overdue()).isFalse();
        assertThat(view.judgedAt(postMortemDue).postMortem().overdue()).isTrue();

        List<StoredEvent> completed = new ArrayList<>(events);
        completed.addAll(EventFeed.stored("carol", new PostMortemCompleted(ID, "carol", postMortemDue.minusSeconds(60))));
        assertThat(IncidentProjector.project(completed).orElseThrow().judgedAt(postMortemDue).postMortem().overdue())
                .as("completed in time").isFalse();
    }

    @Test
    void aViewStoredBeforeTypesChecklistsAndFollowUpsWereRecordedReadsWithTheirDefaults() throws Exception {
        IncidentView view = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "chat"),
                new RoleAssigned(ID, IncidentRole.INCIDENT_COMMANDER, "carol", T0.plusSeconds(60)),
                Incidents.resolved(ID, T0, 30),
                new PostMortemActionItemAdded(ID, "ai-1", "Add an alert", "erin", null, T0.plusSeconds(3600)))).orElseThrow();
        com.fasterxml.jackson.databind.ObjectMapper json = io.incidents.events.EventJson.newMapper();
        com.fasterxml.jackson.databind.node.ObjectNode stored = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(IncidentViewJson.write(view));
        stored.remove(List.of("drill", "type", "runbookTitle", "typeSuggested", "checklists", "postMortem"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored.path("actionItems").get(0))
                .remove(List.of("status", "updatedBy", "updatedAt", "overdueRemindedAt", "overdue"));

        IncidentView read = IncidentViewJson.read(json.writeValueAsString(stored));

        assertThat(read).isEqualTo(view);
        assertThat(read.postMortem().dueAt()).isEqualTo(T0.plusSeconds(30 * 60).plus(Duration.ofHours(48)));
        assertThat(read.actionItems().get(0).status()).isEqualTo(ActionItemStatus.OPEN);
    }

    @Test
    void severityRaiseTellsTheLevelsOfTheNewSeverity() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                new SeverityChanged(ID, Severity.SEV3, Severity.SEV1, "worse", T0.plusSeconds(60)),
                new SeverityChanged(ID, Severity.SEV1, Severity.SEV2, "contained", T0.plusSeconds(120)));

        IncidentView view = IncidentProjector.project(events).orElseThrow();

        assertThat(view.severity()).isEqualTo(Severity.SEV2);
        assertThat(view.highestSeverity()).isEqualTo(Severity.SEV1);
        assertThat(view.escalationLevel()).isEqualTo(4);
        assertThat(view.severityHistory()).hasSize(2);
    }

    @Test
    void asOfShowsOnlyWhatHadHappenedByThen() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "chat"),
                Incidents.acknowledged(ID, T0, 5),
                Incidents.resolved(ID, T0, 50));

        IncidentView atMinute10 = IncidentProjector.projectAsOf(events, T0.plusSeconds(600)).orElseThrow();

        assertThat(atMinute10.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(atMinute10.resolvedAt()).isNull();
        assertThat(IncidentProjector.projectAsOf(events, T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void theViewSaysWhenTheProblemWasDetectedAndWhatTimeWasGivenWhenItWasClamped() {
        IncidentView early = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.detected(ID, Severity.SEV2, T0, T0.minusSeconds(600), "chat"))).orElseThrow();
        IncidentView clamped = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.detected(ID, Severity.SEV2, T0, T0.minus(Duration.ofHours(30)), "chat"))).orElseThrow();
        IncidentView older = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "chat"))).orElseThrow();

        assertThat(early.declaredAt()).isEqualTo(T0);
        assertThat(early.detectedAt()).isEqualTo(T0.minusSeconds(600));
        assertThat(early.detectedAtAsGiven()).isNull();
        assertThat(clamped.detectedAt()).isEqualTo(T0.minus(Duration.ofHours(24)));
        assertThat(clamped.detectedAtAsGiven()).isEqualTo(T0.minus(Duration.ofHours(30)));
        assertThat(older.detectedAt()).as("an event written before detection was recorded").isEqualTo(T0);
        assertThat(older.detectedAtAsGiven()).isNull();
    }

    @Test
    void aViewStoredBeforeDetectionWasRecordedReadsAsDetectedWhenDeclared() {
        IncidentView view = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.detected(ID, Severity.SEV2, T0, T0.minusSeconds(600), "chat"))).orElseThrow();
        String stored = IncidentViewJson.write(view).replaceAll(",\"detectedAt\":\"[^\"]*\",\"detectedAtAsGiven\":null", "");

        IncidentView read = IncidentViewJson.read(stored);

        assertThat(stored).doesNotContain("detectedAt");
        assertThat(read.detectedAt()).isEqualTo(T0);
        assertThat(IncidentViewJson.read(IncidentViewJson.write(view))).isEqualTo(view);
    }

    @Test
    void anSlaStateStoredBeforeDetectionWasRecordedReadsAsDetectedWhenDeclared() {
        IncidentSla sla = SlaEngine.evaluate(List.of(Incidents.detected(ID, Severity.SEV2, T0, T0.minusSeconds(600), "chat")),
                SlaPolicy.DEFAULT, T0);
        String stored = IncidentViewJson.write(sla).replaceAll(",\"detectedAt\":\"[^\"]*\"", "");

        assertThat(stored).doesNotContain("detectedAt");
        assertThat(IncidentViewJson.readSla(stored).detectedAt()).isEqualTo(T0);
        assertThat(IncidentViewJson.readSla(IncidentViewJson.write(sla))).isEqualTo(sla);
    }

    @Test
    void withoutItsDeclarationAnIncidentCannotBeProjectedYet() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "chat"), Incidents.acknowledged(ID, T0, 5));

        assertThat(IncidentProjector.project(events.subList(1, 2))).isEmpty();
    }

    @Test
    void theStatusPagePhaseIsNoneUntilAResponderPublishesAndNeverForADrill() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "search"),
                new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "Found it.", T0.plusSeconds(60), "Slow search",
                        List.of("Search")),
                Incidents.resolved(ID, T0, 30),
                new IncidentReopened(ID, "errors again", T0.plusSeconds(3600)));
        IncidentDeclared drill = new IncidentDeclared(ID, "Game day", null, Severity.SEV2, List.of("search"),
                IncidentSource.manual(), T0, null, T0, null, true);
        List<StoredEvent> drillEvents = EventFeed.stored("alice", drill,
                new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "Found it.", T0.plusSeconds(60)));

        assertThat(phase(events.subList(0, 1))).isNull();
        assertThat(phase(events.subList(0, 2))).isEqualTo(StatusPagePhase.IDENTIFIED);
        assertThat(phase(events.subList(0, 3))).isNull();
        assertThat(phase(events)).isEqualTo(StatusPagePhase.INVESTIGATING);
        assertThat(phase(drillEvents)).isNull();
    }

    @Test
    void theRecommendationShownIsTheLatestAdviceARepeatAlertCarried() {
        AlertRecommendation investigate = new AlertRecommendation(new BigDecimal("3"), Priority.HIGH,
                Recommendation.INVESTIGATE, T0.plusSeconds(1800));
        AlertRecommendation rollbackNow = new AlertRecommendation(new BigDecimal("12"), Priority.CRITICAL,
                Recommendation.ROLLBACK_NOW, T0.plusSeconds(900));
        IncidentDeclared declared = new IncidentDeclared(ID, "Checkout errors", null, Severity.SEV2, List.of("checkout"),
                IncidentSource.alert("alertmanager", "fp-1"), T0, investigate, T0, null, false);
        List<StoredEvent> events = EventFeed.stored("alertmanager", declared,
                new AlertReceived(ID, "alertmanager", "fp-1", "fired again", null, T0.plusSeconds(300)),
                new AlertReceived(ID, "alertmanager", "fp-1", "errors at 12 %", Severity.SEV1, T0.plusSeconds(600), rollbackNow));

        assertThat(IncidentProjector.project(events.subList(0, 2)).orElseThrow().recommendation()).isEqualTo(investigate);
        assertThat(IncidentProjector.project(events).orElseThrow().recommendation()).isEqualTo(rollbackNow);
    }

    private static StatusPagePhase phase(List<StoredEvent> events) {
        return IncidentProjector.project(events).orElseThrow().statusPagePhase();
    }

    private static IncidentStatus status(List<StoredEvent> events) {
        return IncidentProjector.project(events).orElseThrow().status();
    }
}
