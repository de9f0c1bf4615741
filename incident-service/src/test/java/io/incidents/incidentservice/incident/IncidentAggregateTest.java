package io.incidents.incidentservice.incident;

import io.incidents.events.AlertReceived;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import io.incidents.incidentservice.incident.IncidentCommands.AcknowledgeIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddNoteCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ApplyMitigationCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AssignRoleCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ChangeSeverityCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompleteRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.EscalateIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReceiveAlertCommand;
import io.incidents.incidentservice.incident.IncidentCommands.FailRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReopenIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.StartRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.UpdateIncidentStatusCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

class IncidentAggregateTest {

    private static final String ID = "inc-1";
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final IncidentDeclared DECLARED_SEV2 = new IncidentDeclared(ID, "Chat down", "all rooms",
            Severity.SEV2, List.of("chat"), IncidentSource.manual(), T0, null, T0, null);
    private static final RollbackStarted ROLLBACK_STARTED = new RollbackStarted(ID, "rb-1", RollbackProcedure.A,
            List.of("chat"), "v1.2.2", "bad deploy", T1);
    private static final IncidentResolved RESOLVED = new IncidentResolved(ID, "fixed", "bad deploy", T2);

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
    }

    @Test
    void declaringAnIncidentRecordsItWithTheCommandTime() {
        fixture.givenNoPriorActivity()
                .when(new DeclareIncidentCommand(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(DECLARED_SEV2);
    }

    @Test
    void aDetectionBeforeTheDeclarationIsRecordedAsGiven() {
        Instant detected = T0.minusSeconds(600);
        fixture.givenNoPriorActivity()
                .when(new DeclareIncidentCommand(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, detected))
                .expectEvents(new IncidentDeclared(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, detected, null));
    }

    @Test
    void aDetectionMoreThanADayBeforeOrAfterTheDeclarationIsClampedAndTheGivenValueKept() {
        Instant twoDaysBefore = T0.minus(Duration.ofDays(2));
        fixture.givenNoPriorActivity()
                .when(new DeclareIncidentCommand(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, twoDaysBefore))
                .expectEvents(new IncidentDeclared(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, T0.minus(Duration.ofHours(24)), twoDaysBefore));
        IncidentFixtures.newFixture().givenNoPriorActivity()
                .when(new DeclareIncidentCommand(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, T1))
                .expectEvents(new IncidentDeclared(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, T0, T1));
    }

    @Test
    void aDrillIsRecordedAsSuch() {
        fixture.givenNoPriorActivity()
                .when(new DeclareIncidentCommand(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, null, true))
                .expectEvents(new IncidentDeclared(ID, "Chat down", "all rooms", Severity.SEV2, List.of("chat"),
                        IncidentSource.manual(), T0, null, T0, null, true));
    }

    @Test
    void aStatusUpdateCarriesThePublicTitleAndComponentsGiven() {
        fixture.given(DECLARED_SEV2)
                .when(new UpdateIncidentStatusCommand(ID, StatusPagePhase.IDENTIFIED, "A fix is on its way.", T1,
                        "Messaging delays", List.of("Messaging")))
                .expectEvents(new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "A fix is on its way.", T1,
                        "Messaging delays", List.of("Messaging")));
    }

    @Test
    void noCommandWorksOnAnUnknownIncident() {
        fixture.givenNoPriorActivity()
                .when(new AcknowledgeIncidentCommand(ID, "alice", T1))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void acknowledgingRecordsWhoAndWhen() {
        fixture.given(DECLARED_SEV2)
                .when(new AcknowledgeIncidentCommand(ID, "alice", T1))
                .expectEvents(new IncidentAcknowledged(ID, "alice", T1));
    }

    @Test
    void aSecondAcknowledgementIsANoOp() {
        fixture.given(DECLARED_SEV2, new IncidentAcknowledged(ID, "alice", T1))
                .when(new AcknowledgeIncidentCommand(ID, "bob", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReopenedIncidentTakesANewAcknowledgement() {
        fixture.given(DECLARED_SEV2, new IncidentAcknowledged(ID, "alice", T1), RESOLVED,
                        new IncidentReopened(ID, "errors are back", T2))
                .when(new AcknowledgeIncidentCommand(ID, "bob", T2.plusSeconds(60)))
                .expectEvents(new IncidentAcknowledged(ID, "bob", T2.plusSeconds(60)));
    }

    @Test
    void changingSeverityRecordsFromAndTo() {
        fixture.given(DECLARED_SEV2)
                .when(new ChangeSeverityCommand(ID, Severity.SEV1, "all regions", T1))
                .expectEvents(new SeverityChanged(ID, Severity.SEV2, Severity.SEV1, "all regions", T1));
    }

    @Test
    void changingSeverityToTheSameLevelIsANoOp() {
        fixture.given(DECLARED_SEV2)
                .when(new ChangeSeverityCommand(ID, Severity.SEV2, "still bad", T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void statusUpdatesArePostedWhileOpen() {
        fixture.given(DECLARED_SEV2)
                .when(new UpdateIncidentStatusCommand(ID, StatusPagePhase.IDENTIFIED, "cause found", T1))
                .expectEvents(new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "cause found", T1));
    }

    @Test
    void assigningTheSamePersonToTheSameRoleAgainIsANoOp() {
        fixture.given(DECLARED_SEV2, new RoleAssigned(ID, IncidentRole.SCRIBE, "carol", T1))
                .when(new AssignRoleCommand(ID, IncidentRole.SCRIBE, "carol", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void handingARoleToSomeoneElseIsRecorded() {
        fixture.given(DECLARED_SEV2, new RoleAssigned(ID, IncidentRole.SCRIBE, "carol", T1))
                .when(new AssignRoleCommand(ID, IncidentRole.SCRIBE, "dave", T2))
                .expectEvents(new RoleAssigned(ID, IncidentRole.SCRIBE, "dave", T2));
    }

    @Test
    void aRollbackStarts() {
        fixture.given(DECLARED_SEV2)
                .when(new StartRollbackCommand(ID, "rb-1", RollbackProcedure.A, List.of("chat"), "v1.2.2", "bad deploy", T1))
                .expectEvents(ROLLBACK_STARTED);
    }

    @Test
    void onlyOneRollbackRunsAtATime() {
        fixture.given(DECLARED_SEV2, ROLLBACK_STARTED)
                .when(new StartRollbackCommand(ID, "rb-2", RollbackProcedure.C, List.of("chat"), "v1.2.1", "again", T2))
                .expectException(refusedWith(ErrorCode.ROLLBACK_ALREADY_RUNNING))
                .expectNoEvents();
    }

    @Test
    void aNewRollbackMayStartAfterThePreviousOneEnded() {
        fixture.given(DECLARED_SEV2, ROLLBACK_STARTED, new RollbackFailed(ID, "rb-1", "stuck", T1))
                .when(new StartRollbackCommand(ID, "rb-2", RollbackProcedure.B, List.of("chat"), "v1.2.1", "db too", T2))
                .expectEvents(new RollbackStarted(ID, "rb-2", RollbackProcedure.B, List.of("chat"), "v1.2.1", "db too", T2));
    }

    @Test
    void aRunningRollbackCompletes() {
        fixture.given(DECLARED_SEV2, ROLLBACK_STARTED)
                .when(new CompleteRollbackCommand(ID, "rb-1", T2))
                .expectEvents(new RollbackCompleted(ID, "rb-1", T2));
    }

    @Test
    void aRunningRollbackFails() {
        fixture.given(DECLARED_SEV2, ROLLBACK_STARTED)
                .when(new FailRollbackCommand(ID, "rb-1", "migration irreversible", T2))
                .expectEvents(new RollbackFailed(ID, "rb-1", "migration irreversible", T2));
    }

    @Test
    void aRollbackThatWasNeverStartedCannotComplete() {
        fixture.given(DECLARED_SEV2)
                .when(new CompleteRollbackCommand(ID, "rb-9", T2))
                .expectException(refusedWith(ErrorCode.ROLLBACK_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aFailedRollbackCannotComplete() {
        fixture.given(DECLARED_SEV2, ROLLBACK_STARTED, new RollbackFailed(ID, "rb-1", "stuck", T1))
                .when(new CompleteRollbackCommand(ID, "rb-1", T2))
                .expectException(refusedWith(ErrorCode.ROLLBACK_NOT_RUNNING))
                .expectNoEvents();
    }

    @Test
    void aCompletedRollbackCannotFail() {
        fixture.given(DECLARED_SEV2, ROLLBACK_STARTED, new RollbackCompleted(ID, "rb-1", T1))
                .when(new FailRollbackCommand(ID, "rb-1", "late", T2))
                .expectException(refusedWith(ErrorCode.ROLLBACK_NOT_RUNNING))
                .expectNoEvents();
    }

    @Test
    void completingACompletedRollbackAgainIsANoOp() {
        fixture.given(DECLARED_SEV2, ROLLBACK_STARTED, new RollbackCompleted(ID, "rb-1", T1))
                .when(new CompleteRollbackCommand(ID, "rb-1", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void manualEscalationGoesOneLevelUpFromTheDeclarationLevel() {
        fixture.given(DECLARED_SEV2)
                .when(new EscalateIncidentCommand(ID, "customers calling", T1))
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.MANUAL, "customers calling", T1));
    }

    @Test
    void aSev1IsAlreadyAtTheHighestLevel() {
        fixture.given(new IncidentDeclared(ID, "DB down", null, Severity.SEV1, List.of("db"), IncidentSource.manual(), T0))
                .when(new EscalateIncidentCommand(ID, null, T1))
                .expectException(refusedWith(ErrorCode.ESCALATION_AT_HIGHEST_LEVEL))
                .expectNoEvents();
    }

    @Test
    void raisingSeverityRaisesTheLevelAlreadyTold() {
        fixture.given(DECLARED_SEV2, new SeverityChanged(ID, Severity.SEV2, Severity.SEV1, "worse", T1))
                .when(new EscalateIncidentCommand(ID, null, T2))
                .expectException(refusedWith(ErrorCode.ESCALATION_AT_HIGHEST_LEVEL));
    }

    @Test
    void anOpenIncidentResolves() {
        fixture.given(DECLARED_SEV2)
                .when(new ResolveIncidentCommand(ID, "fixed", "bad deploy", T2))
                .expectEvents(RESOLVED);
    }

    @Test
    void aResolvedIncidentCannotBeResolvedAgain() {
        fixture.given(DECLARED_SEV2, RESOLVED)
                .when(new ResolveIncidentCommand(ID, "fixed twice", null, T2))
                .expectException(refusedWith(ErrorCode.INCIDENT_RESOLVED))
                .expectNoEvents();
    }

    @Test
    void aResolvedIncidentRefusesAcknowledgement() {
        fixture.given(DECLARED_SEV2, RESOLVED)
                .when(new AcknowledgeIncidentCommand(ID, "alice", T2))
                .expectException(refusedWith(ErrorCode.INCIDENT_RESOLVED))
                .expectNoEvents();
    }

    @Test
    void onlyAResolvedIncidentReopens() {
        fixture.given(DECLARED_SEV2)
                .when(new ReopenIncidentCommand(ID, "still broken", T1))
                .expectException(refusedWith(ErrorCode.INCIDENT_NOT_RESOLVED))
                .expectNoEvents();
    }

    @Test
    void aResolvedIncidentReopensAndCanBeResolvedAgain() {
        fixture.given(DECLARED_SEV2, RESOLVED, new IncidentReopened(ID, "errors are back", T2))
                .when(new ResolveIncidentCommand(ID, "fixed for real", "cache", T2.plusSeconds(60)))
                .expectEvents(new IncidentResolved(ID, "fixed for real", "cache", T2.plusSeconds(60)));
    }

    @Test
    void reopeningRecordsTheReason() {
        fixture.given(DECLARED_SEV2, RESOLVED)
                .when(new ReopenIncidentCommand(ID, "errors are back", T2))
                .expectEvents(new IncidentReopened(ID, "errors are back", T2));
    }

    @Test
    void aRepeatedAlertIsRecordedAndAMoreSevereOneRaisesTheIncident() {
        fixture.given(DECLARED_SEV2)
                .when(new ReceiveAlertCommand(ID, "alertmanager", "fp-1", "errors up", Severity.SEV1, T1))
                .expectEvents(new AlertReceived(ID, "alertmanager", "fp-1", "errors up", Severity.SEV1, T1),
                        new SeverityChanged(ID, Severity.SEV2, Severity.SEV1, "alert fp-1 from alertmanager is SEV1", T1));
    }

    @Test
    void aLessSevereRepeatLeavesTheSeverityAlone() {
        fixture.given(DECLARED_SEV2)
                .when(new ReceiveAlertCommand(ID, "alertmanager", "fp-1", "still failing", Severity.SEV3, T1))
                .expectEvents(new AlertReceived(ID, "alertmanager", "fp-1", "still failing", Severity.SEV3, T1));
    }

    @Test
    void aResolvedIncidentTakesNoMoreAlerts() {
        fixture.given(DECLARED_SEV2, RESOLVED)
                .when(new ReceiveAlertCommand(ID, "alertmanager", "fp-1", "back", Severity.SEV2, T2))
                .expectException(refusedWith(ErrorCode.INCIDENT_RESOLVED))
                .expectNoEvents();
    }

    @Test
    void aNoteRecordsItsTextAndAuthorAndTheSameNoteAgainChangesNothing() {
        fixture.given(DECLARED_SEV2)
                .when(new AddNoteCommand(ID, "n-1", "pool exhausted since the deploy", "alice", T1))
                .expectEvents(new IncidentNoteAdded(ID, "n-1", "pool exhausted since the deploy", "alice", T1));
        IncidentFixtures.newFixture().given(DECLARED_SEV2, new IncidentNoteAdded(ID, "n-1", "pool exhausted since the deploy", "alice", T1))
                .when(new AddNoteCommand(ID, "n-1", "pool exhausted since the deploy", "alice", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void notesMayBeAddedAfterResolution() {
        fixture.given(DECLARED_SEV2, RESOLVED)
                .when(new AddNoteCommand(ID, "n-2", "root cause confirmed in the replica logs", "bob", T2))
                .expectEvents(new IncidentNoteAdded(ID, "n-2", "root cause confirmed in the replica logs", "bob", T2));
    }

    @Test
    void aMitigationIsRecordedWithItsKindWhileOpenAndRefusedOnceResolved() {
        fixture.given(DECLARED_SEV2)
                .when(new ApplyMitigationCommand(ID, "m-1", MitigationKind.WORKAROUND, "traffic moved to EU-2", "alice", T1))
                .expectEvents(new MitigationApplied(ID, "m-1", MitigationKind.WORKAROUND, "traffic moved to EU-2", "alice", T1));
        IncidentFixtures.newFixture().given(DECLARED_SEV2, RESOLVED)
                .when(new ApplyMitigationCommand(ID, "m-2", MitigationKind.QUICK_FIX, "hotfix 1.2.3", "alice", T2))
                .expectException(IncidentException.class)
                .expectNoEvents();
    }

    @Test
    void theSameMitigationAgainChangesNothing() {
        fixture.given(DECLARED_SEV2, new MitigationApplied(ID, "m-1", MitigationKind.QUICK_FIX, "hotfix", "alice", T1))
                .when(new ApplyMitigationCommand(ID, "m-1", MitigationKind.QUICK_FIX, "hotfix", "alice", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void actionItemsMayBeAddedAfterResolution() {
        fixture.given(DECLARED_SEV2, RESOLVED)
                .when(new AddActionItemCommand(ID, "ai-1", "add canary", "erin", LocalDate.parse("2026-12-31"), T2))
                .expectEvents(new PostMortemActionItemAdded(ID, "ai-1", "add canary", "erin", LocalDate.parse("2026-12-31"), T2));
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof IncidentException incident && incident.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("IncidentException with code " + code);
            }
        };
    }
}
