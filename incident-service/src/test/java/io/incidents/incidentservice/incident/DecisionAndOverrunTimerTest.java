package io.incidents.incidentservice.incident;

import io.incidents.events.AlertRecommendation;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.IncidentSource;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.incidentservice.eventstore.EventMetadata;
import io.incidents.incidentservice.incident.Incident.DecisionDue;
import io.incidents.incidentservice.incident.Incident.RollbackOverrunDue;
import io.incidents.incidentservice.incident.IncidentCommands.CompleteRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReceiveAlertCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.StartRollbackCommand;
import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** SPEC 5's two timers: the decision matrix's decide-by reminder and the rollback overrun. */
class DecisionAndOverrunTimerTest {

    private static final String ID = "inc-5";

    private AggregateTestFixture<Incident> fixture;
    private Instant t0;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
        t0 = fixture.currentTime();
    }

    private Instant minutes(long minutes) {
        return t0.plus(Duration.ofMinutes(minutes));
    }

    private AlertRecommendation advice(Recommendation recommendation, Priority priority, long decideWithinMinutes) {
        return new AlertRecommendation(new BigDecimal("12.5"), priority, recommendation, minutes(decideWithinMinutes));
    }

    /** A SEV1 (no escalation timer) so the only deadlines are the ones under test. */
    private DeclareIncidentCommand declare(AlertRecommendation recommendation) {
        return new DeclareIncidentCommand(ID, "Checkout 5xx", null, Severity.SEV1, List.of("checkout"),
                IncidentSource.alert("prometheus", "fp-1"), t0, recommendation);
    }

    private StartRollbackCommand rollback(String rollbackId, RollbackProcedure procedure, Instant at) {
        return new StartRollbackCommand(ID, rollbackId, procedure, List.of("checkout"), "v1.2.2", "bad deploy", at);
    }

    @Test
    void aRecommendationsDecideByIsADeadline() {
        fixture.givenNoPriorActivity()
                .when(declare(advice(Recommendation.ROLLBACK_NOW, Priority.CRITICAL, 5)))
                .expectScheduledDeadline(minutes(5), new DecisionDue(Recommendation.ROLLBACK_NOW, minutes(5)));
    }

    @Test
    void withNoRollbackStartedByThenTheLevelsAreReminded() {
        fixture.givenCommands(declare(advice(Recommendation.ROLLBACK_NOW, Priority.CRITICAL, 5)))
                .whenTimeAdvancesTo(minutes(6))
                .expectEvents(new DecisionOverdue(ID, Recommendation.ROLLBACK_NOW, minutes(5)));
    }

    @Test
    void aRollbackStartedInTimeOrAResolutionMeansNoReminder() {
        fixture.givenCommands(declare(advice(Recommendation.ROLLBACK, Priority.HIGH, 15)),
                        rollback("rb-1", RollbackProcedure.C, minutes(10)), new CompleteRollbackCommand(ID, "rb-1", minutes(12)))
                .whenTimeAdvancesTo(minutes(16))
                .expectNoEvents();
        IncidentFixtures.newFixture().givenCommands(declare(advice(Recommendation.ROLLBACK, Priority.HIGH, 15)),
                        new ResolveIncidentCommand(ID, "fixed forward", null, minutes(10)))
                .whenTimeAdvancesTo(minutes(16))
                .expectNoEvents();
    }

    @Test
    void fixForwardHasNoDecideByAndArmsNothing() {
        fixture.givenNoPriorActivity()
                .when(declare(new AlertRecommendation(new BigDecimal("1"), Priority.LOW, Recommendation.FIX_FORWARD, null)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRepeatWithWorseAdviceArmsItsOwnReminderButTheSameAdviceAgainDoesNot() {
        AlertRecommendation investigate = advice(Recommendation.INVESTIGATE, Priority.MEDIUM, 30);
        fixture.givenCommands(declare(investigate))
                .when(new ReceiveAlertCommand(ID, "prometheus", "fp-1", "worse", Severity.SEV1, minutes(2),
                        advice(Recommendation.ROLLBACK_NOW, Priority.CRITICAL, 7)))
                .expectScheduledDeadline(minutes(7), new DecisionDue(Recommendation.ROLLBACK_NOW, minutes(7)));
        IncidentFixtures.newFixture().givenCommands(declare(investigate))
                .when(new ReceiveAlertCommand(ID, "prometheus", "fp-1", "same", Severity.SEV3, minutes(2),
                        advice(Recommendation.INVESTIGATE, Priority.MEDIUM, 32)))
                .expectNoScheduledDeadline(minutes(32), new DecisionDue(Recommendation.INVESTIGATE, minutes(32)))
                .expectScheduledDeadline(minutes(30), new DecisionDue(Recommendation.INVESTIGATE, minutes(30)));
    }

    @Test
    void aRollbackStillRunningPastItsProceduresUpperBoundOverrunsOnce() {
        fixture.givenCommands(declare(null), rollback("rb-1", RollbackProcedure.A, minutes(1)))
                .whenTimeAdvancesTo(minutes(30))
                .expectEvents(new RollbackOverran(ID, "rb-1", RollbackProcedure.A, Duration.ofMinutes(10), minutes(11)));
    }

    @Test
    void startingARollbackSchedulesItsOverrunAtTheUpperBound() {
        fixture.givenCommands(declare(null))
                .when(rollback("rb-1", RollbackProcedure.D, minutes(2)))
                .expectScheduledDeadline(minutes(3), new RollbackOverrunDue("rb-1", minutes(3)));
    }

    @Test
    void aRollbackThatEndedInTimeOrAResolvedIncidentDoesNotOverrun() {
        fixture.givenCommands(declare(null), rollback("rb-1", RollbackProcedure.C, minutes(1)),
                        new CompleteRollbackCommand(ID, "rb-1", minutes(4)))
                .whenTimeAdvancesTo(minutes(30))
                .expectNoEvents();
        IncidentFixtures.newFixture().givenCommands(declare(null), rollback("rb-1", RollbackProcedure.C, minutes(1)),
                        new ResolveIncidentCommand(ID, "fixed", null, minutes(3)))
                .whenTimeAdvancesTo(minutes(30))
                .expectNoEvents();
    }

    @Test
    void importedCommandsArmNeitherTimer() {
        MetaData imported = MetaData.with(EventMetadata.IMPORTED, "true").and(EventMetadata.ACTOR, "dana");
        fixture.givenNoPriorActivity()
                .when(declare(advice(Recommendation.ROLLBACK_NOW, Priority.CRITICAL, 5)), imported)
                .expectNoScheduledDeadlines();
    }
}
