package io.incidents.timelineservice.sla;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentEvent;
import io.incidents.events.MitigationKind;
import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.policy.SlaTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.incidents.events.Severity.SEV1;
import static io.incidents.events.Severity.SEV2;
import static io.incidents.events.Severity.SEV3;
import static io.incidents.events.Severity.SEV4;
import static io.incidents.timelineservice.sla.IncidentHistory.T0;
import static io.incidents.timelineservice.sla.IncidentHistory.declared;
import static io.incidents.timelineservice.sla.IncidentHistory.detected;
import static io.incidents.timelineservice.sla.IncidentHistory.fromAlertWithoutATime;
import static io.incidents.timelineservice.sla.IncidentHistory.min;
import static io.incidents.timelineservice.sla.IncidentHistory.minSec;
import static io.incidents.timelineservice.sla.Verdict.BREACHED;
import static io.incidents.timelineservice.sla.Verdict.MET;
import static io.incidents.timelineservice.sla.Verdict.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaEngineTest {

    private static final Duration LONG_AFTER = Duration.ofDays(30);

    /** One row of SPEC section 4's worked examples; times are minutes after declaration, TTA and TTR from detection. */
    record Example(IncidentHistory history, Duration now, long ackDeadline, Verdict ackVerdict, Long tta,
                   long resolveDeadline, Verdict resolveVerdict, Long ttr) {
    }

    static Stream<Arguments> workedExamples() {
        return Stream.of(
                Arguments.of("1: SEV2; ack 10; resolve 200", new Example(
                        declared(SEV2).ack(min(10)).resolve(min(200)), LONG_AFTER,
                        15, MET, 10L, 240, MET, 200L)),
                Arguments.of("2: SEV3; raised to SEV1 at 120; ack 125; resolve 200", new Example(
                        declared(SEV3).severity(SEV1, min(120)).ack(min(125)).resolve(min(200)), LONG_AFTER,
                        30, BREACHED, 125L, 180, BREACHED, 200L)),
                Arguments.of("3: SEV1; lowered to SEV3 at 10; ack 3; resolve 90", new Example(
                        declared(SEV1).ack(min(3)).severity(SEV3, min(10)).resolve(min(90)), LONG_AFTER,
                        5, MET, 3L, 60, BREACHED, 90L)),
                Arguments.of("4: SEV4; resolve 30, no ack", new Example(
                        declared(SEV4).resolve(min(30)), LONG_AFTER,
                        60, MET, null, 1440, MET, 30L)),
                Arguments.of("5: SEV2; no ack; resolve 20", new Example(
                        declared(SEV2).resolve(min(20)), LONG_AFTER,
                        15, BREACHED, null, 240, MET, 20L)),
                Arguments.of("6: SEV1; ack at exactly 5:00; resolve at exactly 60:00", new Example(
                        declared(SEV1).ack(min(5)).resolve(min(60)), LONG_AFTER,
                        5, MET, 5L, 60, MET, 60L)),
                Arguments.of("7: SEV2; ack 5; resolve 100; reopen 150; resolve 300", new Example(
                        declared(SEV2).ack(min(5)).resolve(min(100)).reopen(min(150)).resolve(min(300)), LONG_AFTER,
                        15, MET, 5L, 240, BREACHED, 300L)),
                Arguments.of("8: SEV3; raised to SEV2 at 5; ack 18; still open at 60", new Example(
                        declared(SEV3).severity(SEV2, min(5)).ack(min(18)), min(60),
                        20, MET, 18L, 245, RUNNING, null)),
                Arguments.of("9: SEV2 detected 10 before declaration; ack 3; resolve 100", new Example(
                        detected(min(-10), SEV2).ack(min(3)).resolve(min(100)), LONG_AFTER,
                        5, MET, 13L, 230, MET, 110L)),
                Arguments.of("10: SEV3 from an alert with no time; ack 31; still open at 60", new Example(
                        fromAlertWithoutATime(SEV3).ack(min(31)), min(60),
                        30, BREACHED, 31L, 480, RUNNING, null)));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("workedExamples")
    void workedExamplesOfTheResponsePlanGiveTheirDeadlinesAndVerdicts(String name, Example example) {
        IncidentSla sla = example.history().sla(example.now());

        assertThat(sla.acknowledge().deadline()).isEqualTo(example.history().at(min(example.ackDeadline())));
        assertThat(sla.acknowledge().verdict()).isEqualTo(example.ackVerdict());
        assertThat(sla.tta()).isEqualTo(example.tta() == null ? null : min(example.tta()));
        assertThat(sla.resolve().deadline()).isEqualTo(example.history().at(min(example.resolveDeadline())));
        assertThat(sla.resolve().verdict()).isEqualTo(example.resolveVerdict());
        assertThat(sla.ttr()).isEqualTo(example.ttr() == null ? null : min(example.ttr()));
    }

    @Test
    void aDetectionGivenMoreThanADayEarlierCountsOnlyAsClampedToADayBeforeTheDeclaration() {
        // Given 30 h before the declaration, recorded as 24 h before it (and the 30 h kept as given).
        IncidentHistory history = detected(Duration.ofHours(-30), SEV2).ack(min(5)).rollbackCompleted("rb-1", min(20))
                .resolve(min(60));

        IncidentSla sla = history.sla(LONG_AFTER);

        assertThat(sla.detectedAt()).isEqualTo(history.at(Duration.ofHours(-24)));
        assertThat(sla.acknowledge().deadline()).isEqualTo(history.at(Duration.ofHours(-24).plus(min(15))));
        assertThat(sla.acknowledge().verdict()).isEqualTo(BREACHED);
        assertThat(sla.resolve().deadline()).isEqualTo(history.at(Duration.ofHours(-20)));
        assertThat(sla.resolve().verdict()).isEqualTo(BREACHED);
        assertThat(sla.tta()).isEqualTo(Duration.ofHours(24).plus(min(5)));
        assertThat(sla.ttm()).isEqualTo(Duration.ofHours(24).plus(min(20)));
        assertThat(sla.ttr()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void aDetectionGivenAfterTheDeclarationCountsAsTheDeclaration() {
        IncidentHistory history = detected(min(30), SEV2).ack(min(14)).resolve(min(200));

        IncidentSla sla = history.sla(LONG_AFTER);

        assertThat(sla.detectedAt()).isEqualTo(history.at(min(0)));
        assertThat(sla.acknowledge().deadline()).isEqualTo(history.at(min(15)));
        assertThat(sla.acknowledge().verdict()).isEqualTo(MET);
        assertThat(sla.tta()).isEqualTo(min(14));
        assertThat(sla.resolve().deadline()).isEqualTo(history.at(min(240)));
    }

    @Test
    void aRaiseAfterAnEarlyDetectionRunsItsTargetFromTheRaiseWhileTheLevelAtDeclarationRunsFromDetection() {
        // SEV3 detected 20 before: 30 from detection = 10; raised to SEV1 at 8: 8 + 5 = 13; the earliest is 10.
        IncidentHistory history = detected(min(-20), SEV3).severity(SEV1, min(8)).ack(min(12)).resolve(min(50));

        IncidentSla sla = history.sla(LONG_AFTER);

        assertThat(sla.acknowledge().deadline()).isEqualTo(history.at(min(10)));
        assertThat(sla.acknowledge().verdict()).isEqualTo(BREACHED);
        assertThat(sla.resolve().deadline()).isEqualTo(history.at(min(68)));
        assertThat(sla.resolve().verdict()).isEqualTo(MET);
        assertThat(sla.tta()).isEqualTo(min(32));
        assertThat(sla.ttr()).isEqualTo(min(70));
    }

    @Test
    void anOpenIncidentDetectedBeforeItsDeclarationIsJudgedFromDetection() {
        IncidentHistory open = detected(min(-10), SEV2);

        assertThat(open.sla(min(5)).acknowledge().verdict()).isEqualTo(RUNNING);
        assertThat(open.sla(minSec(5, 1)).acknowledge().verdict()).isEqualTo(BREACHED);
        assertThat(open.sla(min(4)).acknowledge().timeLeft(open.at(min(4)))).isEqualTo(min(1));
    }

    @Test
    void oneSecondPastADeadlineIsABreach() {
        IncidentSla sla = declared(SEV1).ack(minSec(5, 1)).resolve(minSec(60, 1)).sla(LONG_AFTER);

        assertThat(sla.acknowledge().verdict()).isEqualTo(BREACHED);
        assertThat(sla.resolve().verdict()).isEqualTo(BREACHED);
    }

    @Test
    void anOpenIncidentIsNotJudgedUntilItsDeadlineHasPassed() {
        IncidentHistory open = declared(SEV2);

        IncidentSla atAckDeadline = open.sla(min(15));
        assertThat(atAckDeadline.acknowledge().verdict()).isEqualTo(RUNNING);
        // the stored clock, judged again a second later (as the live list does), is breached
        assertThat(atAckDeadline.acknowledge().asOf(open.at(minSec(15, 1))).verdict()).isEqualTo(BREACHED);

        IncidentSla justPastAckDeadline = open.sla(minSec(15, 1));
        assertThat(justPastAckDeadline.acknowledge().verdict()).isEqualTo(BREACHED);
        assertThat(justPastAckDeadline.acknowledge().stoppedAt()).isNull();
        assertThat(justPastAckDeadline.resolve().verdict()).isEqualTo(RUNNING);
    }

    @Test
    void anOpenIncidentPastItsResolveDeadlineIsBreachedAndStillRunning() {
        IncidentSla sla = declared(SEV2).ack(min(5)).sla(minSec(240, 1));

        assertThat(sla.resolve().verdict()).isEqualTo(BREACHED);
        assertThat(sla.resolve().running()).isTrue();
        assertThat(sla.resolved()).isFalse();
        assertThat(sla.ttr()).isNull();
    }

    @Test
    void resolvingWithoutAnAcknowledgementStopsTheAckClockAtTheResolution() {
        IncidentHistory history = declared(SEV4).resolve(min(30));

        IncidentSla sla = history.sla(LONG_AFTER);

        assertThat(sla.acknowledge().stoppedAt()).isEqualTo(history.at(min(30)));
        assertThat(sla.acknowledge().verdict()).isEqualTo(MET);
        assertThat(sla.tta()).isNull();
    }

    @Test
    void aLevelSetAfterTheAckClockStoppedDoesNotMoveTheAckDeadline() {
        IncidentHistory history = declared(SEV4).ack(min(20)).severity(SEV1, min(25)).resolve(min(50));

        IncidentSla sla = history.sla(LONG_AFTER);

        assertThat(sla.acknowledge().deadline()).isEqualTo(history.at(min(60)));
        assertThat(sla.acknowledge().verdict()).isEqualTo(MET);
        assertThat(sla.resolve().deadline()).isEqualTo(history.at(min(85)));
    }

    @Test
    void aLevelSetAfterTheFinalResolutionDoesNotMoveTheResolveDeadline() {
        IncidentHistory history = declared(SEV4).ack(min(5)).resolve(min(100)).severity(SEV1, min(110));

        IncidentSla sla = history.sla(LONG_AFTER);

        assertThat(sla.resolve().deadline()).isEqualTo(history.at(min(1440)));
        assertThat(sla.resolve().verdict()).isEqualTo(MET);
    }

    @Test
    void aRaiseRecordedAfterTheAckInTheSameInstantDoesNotCountForTheAckClock() {
        IncidentHistory ackFirst = declared(SEV4).ack(min(10)).severity(SEV1, min(10));
        IncidentHistory raiseFirst = declared(SEV4).severity(SEV1, min(10)).ack(min(10));

        assertThat(ackFirst.sla(min(11)).acknowledge().deadline()).isEqualTo(ackFirst.at(min(60)));
        assertThat(raiseFirst.sla(min(11)).acknowledge().deadline()).isEqualTo(raiseFirst.at(min(15)));
    }

    @Test
    void raisingToALevelASecondTimeDoesNotRestartItsTarget() {
        IncidentHistory history = declared(SEV3).ack(min(5))
                .severity(SEV1, min(100)).severity(SEV3, min(110)).severity(SEV1, min(150))
                .resolve(min(190));

        IncidentSla sla = history.sla(LONG_AFTER);

        assertThat(sla.resolve().deadline()).isEqualTo(history.at(min(160)));
        assertThat(sla.resolve().verdict()).isEqualTo(BREACHED);
    }

    @Test
    void loweringSeverityDoesNotRelaxARunningDeadline() {
        IncidentHistory history = declared(SEV1).severity(SEV4, min(1));

        IncidentSla sla = history.sla(min(10));

        assertThat(sla.acknowledge().deadline()).isEqualTo(history.at(min(5)));
        assertThat(sla.acknowledge().verdict()).isEqualTo(BREACHED);
        assertThat(sla.resolve().deadline()).isEqualTo(history.at(min(60)));
    }

    @Test
    void aReopenedIncidentKeepsItsResolveClockRunningUntilResolvedAgain() {
        IncidentHistory history = declared(SEV2).ack(min(5)).resolve(min(100)).reopen(min(150));

        IncidentSla beforeDeadline = history.sla(min(200));
        assertThat(beforeDeadline.resolve().verdict()).isEqualTo(RUNNING);
        assertThat(beforeDeadline.resolve().stoppedAt()).isNull();
        assertThat(beforeDeadline.ttr()).isNull();

        assertThat(history.sla(minSec(240, 1)).resolve().verdict()).isEqualTo(BREACHED);
    }

    @Test
    void ttaCountsFromTheFirstAcknowledgementWhileTheAckClockStopsAtAnEarlierResolution() {
        IncidentHistory history = declared(SEV2).resolve(min(10)).reopen(min(20)).ack(min(25)).ack(min(40));

        IncidentSla sla = history.sla(min(60));

        assertThat(sla.acknowledge().stoppedAt()).isEqualTo(history.at(min(10)));
        assertThat(sla.acknowledge().verdict()).isEqualTo(MET);
        assertThat(sla.tta()).isEqualTo(min(25));
    }

    @Test
    void timeToMitigateCountsFromTheFirstCompletedRollbackNotAFailedOne() {
        IncidentSla mitigated = declared(SEV2).ack(min(2)).rollbackFailed("rb-1", min(20))
                .rollbackCompleted("rb-2", min(40)).rollbackCompleted("rb-3", min(90)).sla(min(100));
        IncidentSla notMitigated = declared(SEV2).ack(min(2)).rollbackFailed("rb-1", min(20)).sla(min(100));

        assertThat(mitigated.ttm()).isEqualTo(min(40));
        assertThat(notMitigated.ttm()).isNull();
    }

    @Test
    void aQuickFixOrAWorkaroundAloneMitigates() {
        IncidentSla quickFix = declared(SEV2).ack(min(2)).mitigated(MitigationKind.QUICK_FIX, min(12)).sla(min(100));
        IncidentSla workaround = declared(SEV2).ack(min(2)).rollbackFailed("rb-1", min(20))
                .mitigated(MitigationKind.WORKAROUND, min(35)).sla(min(100));

        assertThat(quickFix.ttm()).isEqualTo(min(12));
        assertThat(workaround.ttm()).isEqualTo(min(35));
    }

    @Test
    void timeToMitigateStopsAtTheFirstMitigationOfAnyKind() {
        IncidentSla workaroundFirst = declared(SEV2).mitigated(MitigationKind.WORKAROUND, min(25))
                .rollbackCompleted("rb-1", min(40)).sla(min(100));
        IncidentSla rollbackFirst = declared(SEV2).rollbackCompleted("rb-1", min(30))
                .mitigated(MitigationKind.QUICK_FIX, min(50)).sla(min(100));

        assertThat(workaroundFirst.ttm()).isEqualTo(min(25));
        assertThat(rollbackFirst.ttm()).isEqualTo(min(30));
    }

    @Test
    void timeToMitigateRunsFromDetectionAndIsKeptAsAFact() {
        IncidentHistory history = detected(min(-10), SEV2).mitigated(MitigationKind.QUICK_FIX, min(5))
                .rollbackCompleted("rb-1", min(20));

        assertThat(history.sla(min(30)).ttm()).isEqualTo(min(15));
        assertThat(SlaEngine.facts(history.events()).firstMitigation()).isEqualTo(history.at(min(5)));
    }

    @Test
    void aWhatIfPolicyChangesTheVerdictsOfTheSameEvents() {
        IncidentHistory history = declared(SEV2).ack(min(10)).resolve(min(200));
        SlaPolicy stricter = SlaPolicy.DEFAULT.with(SEV2, SlaTarget.of(min(5), Duration.ofHours(3)));

        IncidentSla asPlanned = history.sla(LONG_AFTER);
        IncidentSla whatIf = SlaEngine.evaluate(history.events(), stricter, history.at(LONG_AFTER));

        assertThat(asPlanned.acknowledge().verdict()).isEqualTo(MET);
        assertThat(asPlanned.resolve().verdict()).isEqualTo(MET);
        assertThat(whatIf.acknowledge().deadline()).isEqualTo(history.at(min(5)));
        assertThat(whatIf.acknowledge().verdict()).isEqualTo(BREACHED);
        assertThat(whatIf.resolve().deadline()).isEqualTo(history.at(min(180)));
        assertThat(whatIf.resolve().verdict()).isEqualTo(BREACHED);
    }

    @Test
    void recordsTheDeclarationAndTheSeverityAtDeclarationHighestAndCurrent() {
        IncidentHistory history = IncidentHistory.declared("INC-7", SEV3, T0, List.of("payments", "api"))
                .severity(SEV1, min(10)).severity(SEV2, min(30));

        IncidentSla sla = history.sla(min(40));

        assertThat(sla.incidentId()).isEqualTo("INC-7");
        assertThat(sla.title()).isEqualTo("Incident INC-7");
        assertThat(sla.services()).containsExactly("payments", "api");
        assertThat(sla.declaredAt()).isEqualTo(T0);
        assertThat(sla.detectedAt()).as("an event without a detection: detected when declared").isEqualTo(T0);
        assertThat(sla.severityAtDeclaration()).isEqualTo(SEV3);
        assertThat(sla.highestSeverity()).isEqualTo(SEV1);
        assertThat(sla.currentSeverity()).isEqualTo(SEV2);
    }

    @Test
    void timeLeftCountsDownWhileRunningAndFreezesAtTheMarginOnceStopped() {
        IncidentHistory history = declared(SEV2).ack(min(10));
        IncidentSla sla = history.sla(min(20));

        assertThat(sla.resolve().timeLeft(history.at(min(200)))).isEqualTo(min(40));
        assertThat(sla.resolve().timeLeft(history.at(min(250)))).isEqualTo(min(-10));
        assertThat(sla.acknowledge().timeLeft(history.at(min(200)))).isEqualTo(min(5));
    }

    @Test
    void refusesEventsThatDoNotStartWithTheDeclaration() {
        List<IncidentEvent> noDeclaration = List.of(new IncidentAcknowledged("INC-1", "oncall", T0));

        assertThatThrownBy(() -> SlaEngine.evaluate(noDeclaration, SlaPolicy.DEFAULT, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlaEngine.evaluate(List.of(), SlaPolicy.DEFAULT, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesEventsOfAnotherIncident() {
        List<IncidentEvent> mixed = new ArrayList<>(declared(SEV2).events());
        mixed.add(new IncidentAcknowledged("INC-2", "oncall", T0.plusSeconds(60)));

        assertThatThrownBy(() -> SlaEngine.evaluate(mixed, SlaPolicy.DEFAULT, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
