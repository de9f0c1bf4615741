package io.incidents.incidentservice.incident;

import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.incidentservice.incident.Incident.AckOverdue;
import io.incidents.incidentservice.incident.IncidentCommands.AcknowledgeIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ChangeSeverityCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.EscalateIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReopenIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The acknowledgement escalation of SPEC section 4, driven by the fixture's stub deadline manager. */
class EscalationTimerTest {

    private static final String ID = "inc-7";

    private AggregateTestFixture<Incident> fixture;
    private Instant t0;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
        t0 = fixture.currentTime();
    }

    private DeclareIncidentCommand declare(Severity severity) {
        return new DeclareIncidentCommand(ID, "Chat down", null, severity, List.of("chat"), IncidentSource.manual(), t0);
    }

    private DeclareIncidentCommand declareDetected(Severity severity, Instant detectedAt) {
        return new DeclareIncidentCommand(ID, "Chat down", null, severity, List.of("chat"), IncidentSource.alert("prometheus", "fp-1"),
                t0, null, detectedAt);
    }

    private Instant minutes(long minutes) {
        return t0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void declaringSchedulesTheAcknowledgeDeadlineOfItsSeverity() {
        fixture.givenNoPriorActivity()
                .when(declare(Severity.SEV2))
                .expectScheduledDeadline(minutes(15), new AckOverdue(minutes(15)));
    }

    @Test
    void noAcknowledgementByTheDeadlineEscalatesOneLevelAndSchedulesTheNext() {
        fixture.givenCommands(declare(Severity.SEV2))
                .whenTimeElapses(Duration.ofMinutes(15))
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(15)))
                .expectScheduledDeadline(minutes(30), new AckOverdue(minutes(30)));
    }

    @Test
    void escalationRepeatsEachAcknowledgeIntervalUpToTheHighestLevel() {
        fixture.givenCommands(declare(Severity.SEV2))
                .whenTimeAdvancesTo(minutes(60))
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(15)),
                        new IncidentEscalated(ID, 4, EscalationReason.ACK_OVERDUE, null, minutes(30)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aSev4IsLoggedOnlyAndNeverEscalatedByTimer() {
        fixture.givenNoPriorActivity()
                .when(declare(Severity.SEV4))
                .expectNoScheduledDeadlines();
        IncidentFixtures.newFixture().givenCommands(declare(Severity.SEV4))
                .whenTimeElapses(Duration.ofDays(2))
                .expectNoEvents();
    }

    @Test
    void aSev4RaisedToSev3StartsTheSev3TimerFromTheRaise() {
        fixture.givenCommands(declare(Severity.SEV4), new ChangeSeverityCommand(ID, Severity.SEV3, "spreading", minutes(50)))
                .whenTimeAdvancesTo(minutes(85))
                .expectEvents(new IncidentEscalated(ID, 2, EscalationReason.ACK_OVERDUE, null, minutes(80)))
                .expectScheduledDeadline(minutes(110), new AckOverdue(minutes(110)));
    }

    @Test
    void aLoweringToSev4FiresTheDeadlineInForceButArmsNoNextOne() {
        fixture.givenCommands(declare(Severity.SEV3), new ChangeSeverityCommand(ID, Severity.SEV4, "cosmetic", minutes(5)))
                .whenTimeAdvancesTo(minutes(200))
                .expectEvents(new IncidentEscalated(ID, 2, EscalationReason.ACK_OVERDUE, null, minutes(30)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theTimerRunsFromDetectionWhenTheProblemWasDetectedBeforeTheDeclaration() {
        fixture.givenNoPriorActivity()
                .when(declareDetected(Severity.SEV2, minutes(-10)))
                .expectScheduledDeadline(minutes(5), new AckOverdue(minutes(5)));
    }

    @Test
    void aDeadlinePassedBeforeTheDeclarationFallsDueAtItAndTheNextAWholeIntervalLater() {
        fixture.givenCommands(declareDetected(Severity.SEV2, minutes(-40)))
                .whenTimeAdvancesTo(minutes(1))
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, t0))
                .expectScheduledDeadline(minutes(15), new AckOverdue(minutes(15)));
    }

    @Test
    void aReopenedSev4ArmsNoTimer() {
        fixture.givenCommands(declare(Severity.SEV4), new ResolveIncidentCommand(ID, "fixed", null, minutes(10)))
                .when(new ReopenIncidentCommand(ID, "errors are back", minutes(40)))
                .expectEvents(new IncidentReopened(ID, "errors are back", minutes(40)))
                .expectNoScheduledDeadlineOfType(t0, t0.plus(Duration.ofDays(365)), AckOverdue.class);
    }

    @Test
    void aSev1IsToldToEveryLevelAtOnceSoNothingIsScheduled() {
        fixture.givenNoPriorActivity()
                .when(declare(Severity.SEV1))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anAcknowledgementStopsTheEscalation() {
        fixture.givenCommands(declare(Severity.SEV3), new AcknowledgeIncidentCommand(ID, "alice", minutes(10)))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aResolutionStopsTheEscalation() {
        fixture.givenCommands(declare(Severity.SEV3), new ResolveIncidentCommand(ID, "fixed", null, minutes(10)))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents()
                .expectNoScheduledDeadlineOfType(t0, t0.plus(Duration.ofDays(365)), AckOverdue.class);
    }

    @Test
    void aRaiseBringsTheNextEscalationCloserWhenTheNewTargetRunsOutSooner() {
        fixture.givenCommands(declare(Severity.SEV3), new ChangeSeverityCommand(ID, Severity.SEV2, "spreading", minutes(5)))
                .whenTimeAdvancesTo(minutes(20))
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(20)))
                .expectScheduledDeadline(minutes(35), new AckOverdue(minutes(35)));
    }

    @Test
    void aRaiseToSev1TellsEveryLevelAndEndsTheTimer() {
        fixture.givenCommands(declare(Severity.SEV3), new ChangeSeverityCommand(ID, Severity.SEV1, "outage", minutes(5)))
                .whenTimeElapses(Duration.ofHours(1))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aLoweringRelaxesNoDeadline() {
        fixture.givenCommands(declare(Severity.SEV2), new ChangeSeverityCommand(ID, Severity.SEV4, "cosmetic", minutes(5)))
                .whenTimeAdvancesTo(minutes(15))
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(15)));
    }

    @Test
    void aManualEscalationToTheTopEndsTheTimer() {
        fixture.givenCommands(declare(Severity.SEV2), new EscalateIncidentCommand(ID, "board call", minutes(1)),
                        new EscalateIncidentCommand(ID, "ceo", minutes(2)))
                .whenTimeElapses(Duration.ofHours(1))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void reopeningRestartsTheTimerFromTheReopenAtTheCurrentSeveritysInterval() {
        fixture.givenCommands(declare(Severity.SEV3), new ChangeSeverityCommand(ID, Severity.SEV2, "spreading", minutes(5)),
                        new ResolveIncidentCommand(ID, "fixed", null, minutes(10)))
                .when(new ReopenIncidentCommand(ID, "errors are back", minutes(40)))
                .expectEvents(new IncidentReopened(ID, "errors are back", minutes(40)))
                .expectScheduledDeadline(minutes(55), new AckOverdue(minutes(55)));
    }

    @Test
    void aReopenedIncidentNobodyAcknowledgesEscalatesOneIntervalAfterTheReopen() {
        fixture.givenCommands(declare(Severity.SEV3), new ResolveIncidentCommand(ID, "fixed", null, minutes(10)),
                        new ReopenIncidentCommand(ID, "errors are back", minutes(40)))
                .whenTimeAdvancesTo(minutes(75))
                .expectEvents(new IncidentEscalated(ID, 2, EscalationReason.ACK_OVERDUE, null, minutes(70)))
                .expectScheduledDeadline(minutes(100), new AckOverdue(minutes(100)));
    }

    @Test
    void reopeningAsksForANewAcknowledgementEvenAfterAnEarlierOne() {
        fixture.givenCommands(declare(Severity.SEV3), new AcknowledgeIncidentCommand(ID, "alice", minutes(2)),
                        new ResolveIncidentCommand(ID, "fixed", null, minutes(10)),
                        new ReopenIncidentCommand(ID, "errors are back", minutes(40)))
                .whenTimeAdvancesTo(minutes(75))
                .expectEvents(new IncidentEscalated(ID, 2, EscalationReason.ACK_OVERDUE, null, minutes(70)));
    }

    @Test
    void anAcknowledgementAfterTheReopenIsRecordedAndStopsTheTimerAgain() {
        fixture.givenCommands(declare(Severity.SEV3), new AcknowledgeIncidentCommand(ID, "alice", minutes(2)),
                        new ResolveIncidentCommand(ID, "fixed", null, minutes(10)),
                        new ReopenIncidentCommand(ID, "errors are back", minutes(40)))
                .when(new AcknowledgeIncidentCommand(ID, "bob", minutes(45)))
                .expectEvents(new IncidentAcknowledged(ID, "bob", minutes(45)))
                .expectNoScheduledDeadlineOfType(t0, t0.plus(Duration.ofDays(365)), AckOverdue.class);
    }

    @Test
    void aReopenedIncidentClimbsOnFromTheLevelItHadReached() {
        fixture.givenCommands(declare(Severity.SEV2), new EscalateIncidentCommand(ID, "board call", minutes(1)),
                        new ResolveIncidentCommand(ID, "fixed", null, minutes(10)),
                        new ReopenIncidentCommand(ID, "errors are back", minutes(40)))
                .whenTimeAdvancesTo(minutes(120))
                .expectEvents(new IncidentEscalated(ID, 4, EscalationReason.ACK_OVERDUE, null, minutes(55)))
                .expectNoScheduledDeadlineOfType(t0, t0.plus(Duration.ofDays(365)), AckOverdue.class);
    }

    @Test
    void reopeningAnIncidentAtTheHighestLevelArmsNoTimer() {
        fixture.givenCommands(declare(Severity.SEV1), new ResolveIncidentCommand(ID, "fixed", null, minutes(10)))
                .when(new ReopenIncidentCommand(ID, "errors are back", minutes(40)))
                .expectEvents(new IncidentReopened(ID, "errors are back", minutes(40)))
                .expectNoScheduledDeadlineOfType(t0, t0.plus(Duration.ofDays(365)), AckOverdue.class);
    }
}
