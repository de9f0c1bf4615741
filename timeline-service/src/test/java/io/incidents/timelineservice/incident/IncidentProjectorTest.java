package io.incidents.timelineservice.incident;

import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentReopened;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

    private static IncidentStatus status(List<StoredEvent> events) {
        return IncidentProjector.project(events).orElseThrow().status();
    }
}
