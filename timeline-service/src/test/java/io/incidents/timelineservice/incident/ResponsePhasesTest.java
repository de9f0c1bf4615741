package io.incidents.timelineservice.incident;

import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemCompleted;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.incident.ResponsePhases.Phase;
import io.incidents.timelineservice.incident.ResponsePhases.Span;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.incidents.timelineservice.incident.ResponsePhases.Phase.CLOSED;
import static io.incidents.timelineservice.incident.ResponsePhases.Phase.INVESTIGATION;
import static io.incidents.timelineservice.incident.ResponsePhases.Phase.MITIGATION;
import static io.incidents.timelineservice.incident.ResponsePhases.Phase.POST_INCIDENT;
import static io.incidents.timelineservice.incident.ResponsePhases.Phase.RESOLUTION;
import static io.incidents.timelineservice.incident.ResponsePhases.Phase.TRIAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ResponsePhasesTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000042";

    private static Instant min(long minutes) {
        return T0.plusSeconds(minutes * 60);
    }

    private static RollbackStarted rollbackStarted(String rollbackId, long minutes) {
        return new RollbackStarted(ID, rollbackId, RollbackProcedure.A, List.of("search"), "v9", "bad deploy", min(minutes));
    }

    private static MitigationApplied quickFix(long minutes) {
        return new MitigationApplied(ID, "m-" + minutes, MitigationKind.QUICK_FIX, "restarted the pool", "bob", min(minutes));
    }

    private static ResponsePhases phases(IncidentEvent... events) {
        return ResponsePhases.of(T0, List.of(events));
    }

    private static List<Object> names(List<Span> spans) {
        return spans.stream().map(span -> (Object) span.name()).toList();
    }

    @Test
    void aNewIncidentIsInTriageFromDetectionCountedUntilTheMomentJudged() {
        ResponsePhases phases = phases();

        assertThat(phases.current()).isEqualTo(TRIAGE);
        assertThat(phases.spans(min(4))).singleElement().isEqualTo(new Span(TRIAGE, T0, null, 240));
    }

    @Test
    void theMainLineRunsTriageInvestigationMitigationResolutionPostIncidentThenClosed() {
        ResponsePhases phases = phases(
                Incidents.acknowledged(ID, T0, 3),
                rollbackStarted("rb", 10),
                new RollbackCompleted(ID, "rb", min(20)),
                Incidents.resolved(ID, T0, 60),
                new PostMortemCompleted(ID, "carol", min(60 + 30 * 60)));

        assertThat(phases.current()).isEqualTo(CLOSED);
        assertThat(phases.spans(min(5000))).extracting(Span::name, Span::startedAt, Span::endedAt, Span::seconds)
                .containsExactly(
                        tuple(TRIAGE, T0, min(3), 180L),
                        tuple(INVESTIGATION, min(3), min(10), 420L),
                        tuple(MITIGATION, min(10), min(20), 600L),
                        tuple(RESOLUTION, min(20), min(60), 2400L),
                        tuple(POST_INCIDENT, min(60), min(60 + 30 * 60), 30 * 3600L));
    }

    @Test
    void eachPartOfTheLineIsTheCurrentPhaseUntilTheNextEventThatEndsIt() {
        assertThat(phases(Incidents.acknowledged(ID, T0, 3)).current()).isEqualTo(INVESTIGATION);
        assertThat(phases(Incidents.acknowledged(ID, T0, 3), rollbackStarted("rb", 10)).current()).isEqualTo(MITIGATION);
        assertThat(phases(Incidents.acknowledged(ID, T0, 3), rollbackStarted("rb", 10), new RollbackCompleted(ID, "rb", min(20)))
                .current()).isEqualTo(RESOLUTION);
        assertThat(phases(Incidents.acknowledged(ID, T0, 3), Incidents.resolved(ID, T0, 60)).current()).isEqualTo(POST_INCIDENT);
    }

    @Test
    void aReopenGoesBackToInvestigationAndTheLineRunsOnFromThere() {
        ResponsePhases phases = phases(
                Incidents.acknowledged(ID, T0, 3),
                quickFix(10),
                Incidents.resolved(ID, T0, 60),
                new IncidentReopened(ID, "errors again", min(90)),
                rollbackStarted("rb", 100));

        assertThat(phases.current()).isEqualTo(MITIGATION);
        List<Span> spans = phases.spans(min(105));
        assertThat(names(spans)).containsExactly(TRIAGE, INVESTIGATION, MITIGATION, RESOLUTION, POST_INCIDENT,
                INVESTIGATION, MITIGATION);
        assertThat(spans.get(4)).isEqualTo(new Span(POST_INCIDENT, min(60), min(90), 1800));
        assertThat(spans.get(5)).isEqualTo(new Span(INVESTIGATION, min(90), min(100), 600));
        assertThat(spans.get(6)).isEqualTo(new Span(MITIGATION, min(100), null, 300));
        assertThat(ResponsePhases.secondsIn(spans, INVESTIGATION)).isEqualTo(420 + 600);
    }

    @Test
    void aReopenAfterThePostMortemWasCompletedAlsoGoesBackToInvestigation() {
        ResponsePhases phases = phases(
                Incidents.resolved(ID, T0, 60),
                new PostMortemCompleted(ID, "carol", min(120)),
                new IncidentReopened(ID, "errors again", min(200)));

        assertThat(phases.current()).isEqualTo(INVESTIGATION);
        assertThat(phases.spans(min(210))).extracting(Span::name, Span::startedAt, Span::seconds).containsExactly(
                tuple(TRIAGE, T0, 3600L), tuple(POST_INCIDENT, min(60), 3600L), tuple(INVESTIGATION, min(200), 600L));
    }

    @Test
    void anIncidentNeverAcknowledgedButResolvedGoesFromTriageStraightToPostIncident() {
        ResponsePhases phases = phases(Incidents.resolved(ID, T0, 45));

        assertThat(phases.current()).isEqualTo(POST_INCIDENT);
        assertThat(phases.spans(min(50))).containsExactly(
                new Span(TRIAGE, T0, min(45), 2700),
                new Span(POST_INCIDENT, min(45), null, 300));
    }

    @Test
    void aMitigationBeforeTheAcknowledgementSkipsInvestigationAndTheLaterAckMovesNothing() {
        ResponsePhases phases = phases(
                rollbackStarted("rb", 2),
                Incidents.acknowledged(ID, T0, 4),
                new RollbackCompleted(ID, "rb", min(12)));

        assertThat(phases.current()).isEqualTo(RESOLUTION);
        assertThat(phases.spans(min(20))).containsExactly(
                new Span(TRIAGE, T0, min(2), 120),
                new Span(MITIGATION, min(2), min(12), 600),
                new Span(RESOLUTION, min(12), null, 480));
    }

    @Test
    void aQuickFixOrWorkaroundStartsAndEndsMitigationAtOnce() {
        ResponsePhases phases = phases(Incidents.acknowledged(ID, T0, 3), quickFix(8));

        assertThat(phases.current()).isEqualTo(RESOLUTION);
        assertThat(phases.spans(min(8))).extracting(Span::name, Span::seconds)
                .containsExactly(tuple(TRIAGE, 180L), tuple(INVESTIGATION, 300L), tuple(MITIGATION, 0L), tuple(RESOLUTION, 0L));
    }

    @Test
    void aFailedRollbackDoesNotEndMitigationAndANoteMovesNothing() {
        ResponsePhases phases = phases(
                Incidents.acknowledged(ID, T0, 3),
                new IncidentNoteAdded(ID, "n-1", "pool exhausted", "alice", min(5)),
                rollbackStarted("rb-1", 10),
                new RollbackFailed(ID, "rb-1", "image missing", min(14)));

        assertThat(phases.current()).isEqualTo(MITIGATION);
        assertThat(phases.spans(min(15)).get(1)).isEqualTo(new Span(INVESTIGATION, min(3), min(10), 420));
    }

    @Test
    void aTimeBeforeTheCurrentPhaseStartedCountsAsThatStartSoNoSpanIsNegative() {
        // The ack says 3 min, the rollback (another clock) 2 min: investigation lasted no time rather than -60 s.
        ResponsePhases phases = phases(Incidents.acknowledged(ID, T0, 3), rollbackStarted("rb", 2));

        assertThat(phases.spans(min(10))).containsExactly(
                new Span(TRIAGE, T0, min(3), 180),
                new Span(INVESTIGATION, min(3), min(3), 0),
                new Span(MITIGATION, min(3), null, 420));
    }

    @Test
    void communicationRunsBesideTheLineFromTheFirstStatusUpdate() {
        assertThat(phases(Incidents.acknowledged(ID, T0, 3)).communication())
                .isEqualTo(new ResponsePhases.Communication(null, null, null, 0));

        ResponsePhases phases = phases(
                new IncidentStatusUpdated(ID, StatusPagePhase.INVESTIGATING, "Looking", min(7)),
                Incidents.acknowledged(ID, T0, 9),
                new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "Found it", min(15)));

        assertThat(phases.communication()).isEqualTo(new ResponsePhases.Communication(min(7), 420L, min(15), 2));
        assertThat(phases.current()).as("a status update moves no main-line phase").isEqualTo(INVESTIGATION);
    }

    @Test
    void theProjectedViewCarriesThePhasesFromDetectionAndReTimesTheCurrentOneWhenJudgedLater() {
        Instant declaredAt = min(10);
        IncidentView view = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.detected(ID, Severity.SEV2, declaredAt, T0, "search"),
                Incidents.acknowledged(ID, declaredAt, 2))).orElseThrow();

        assertThat(view.phase()).isEqualTo(INVESTIGATION);
        assertThat(view.phases()).containsExactly(
                new Span(TRIAGE, T0, min(12), 720),
                new Span(INVESTIGATION, min(12), null, 0));
        assertThat(view.judgedAt(min(20)).phases().get(1)).isEqualTo(new Span(INVESTIGATION, min(12), null, 480));
        assertThat(view.judgedAt(min(20)).phases().get(0)).as("an ended span keeps its time").isEqualTo(view.phases().get(0));
    }

    @Test
    void aResolvedIncidentsPostIncidentTimeCountsUntilItsLastEventWhenEverItIsRead() {
        IncidentView view = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                Incidents.resolved(ID, T0, 30),
                new IncidentStatusUpdated(ID, StatusPagePhase.MONITORING, "All good", min(40)))).orElseThrow();

        assertThat(view.phases()).last().isEqualTo(new Span(POST_INCIDENT, min(30), null, 600));
        assertThat(view.judgedAt(min(5000)).phases()).isEqualTo(view.phases());
    }

    @Test
    void aViewStoredBeforePhasesWereDerivedReadsWithNone() {
        IncidentView view = IncidentProjector.project(EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"))).orElseThrow();
        String json = IncidentViewJson.write(view).replaceAll(",?\"(phase|phases|communication)\":(\\[[^\\]]*\\]|\\{[^}]*\\}|\"[A-Z_]+\"|null)", "");

        IncidentView old = IncidentViewJson.read(json);

        assertThat(json).doesNotContain("\"phases\"");
        assertThat(old.phase()).isNull();
        assertThat(old.phases()).isEmpty();
        assertThat(old.judgedAt(min(5)).phases()).isEmpty();
    }

    @Test
    void everyPhaseHasThePlansTitle() {
        assertThat(Phase.TRIAGE.title()).isEqualTo("detection and triage");
        assertThat(Phase.POST_INCIDENT.title()).isEqualTo("post-incident");
    }
}
