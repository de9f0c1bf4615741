package io.incidents.incidentservice.incident;

import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.incidentservice.eventstore.EventMetadata;
import io.incidents.incidentservice.incident.IncidentCommands.ChangeSeverityCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.EscalateIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReopenIncidentCommand;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The aggregate's rules for commands of an import of past incidents: the same rules as live, no
 * timer armed, and an escalation for a missed acknowledgement only where the timer would have made one.
 */
class ImportedCommandsTest {

    private static final String ID = "inc-past";
    private static final Map<String, String> IMPORTED = Map.of(EventMetadata.IMPORTED, "true",
            EventMetadata.ACTOR, "dana");

    private AggregateTestFixture<Incident> fixture;
    private Instant t0;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
        t0 = fixture.currentTime().minus(Duration.ofDays(30));
    }

    private Instant minutes(long minutes) {
        return t0.plus(Duration.ofMinutes(minutes));
    }

    private IncidentDeclared declared(Severity severity) {
        return new IncidentDeclared(ID, "Chat down", null, severity, List.of("chat"), IncidentSource.manual(), t0, null, t0, null);
    }

    private static EscalateIncidentCommand overdue(Instant at) {
        return new EscalateIncidentCommand(ID, EscalationReason.ACK_OVERDUE, null, at);
    }

    @Test
    void anImportedDeclarationArmsNoTimer() {
        fixture.givenNoPriorActivity()
                .when(new DeclareIncidentCommand(ID, "Chat down", null, Severity.SEV2, List.of("chat"), IncidentSource.manual(), t0),
                        IMPORTED)
                .expectEvents(declared(Severity.SEV2))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anImportedRaiseArmsNoTimer() {
        fixture.given(declared(Severity.SEV3))
                .when(new ChangeSeverityCommand(ID, Severity.SEV2, "more users", minutes(3)), IMPORTED)
                .expectEvents(new SeverityChanged(ID, Severity.SEV3, Severity.SEV2, "more users", minutes(3)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anImportedReopenArmsNoTimer() {
        fixture.given(declared(Severity.SEV2), new IncidentResolved(ID, "fixed", null, minutes(10)))
                .when(new ReopenIncidentCommand(ID, "back", minutes(100)), IMPORTED)
                .expectEvents(new IncidentReopened(ID, "back", minutes(100)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anEscalationForAMissedAcknowledgementAtTheDeadlineIsTheTimersAndClimbsOneLevel() {
        fixture.given(declared(Severity.SEV2))
                .when(overdue(minutes(15)), IMPORTED)
                .expectEventsMatching(onlyEvent(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(15)),
                        EventMetadata.SYSTEM_ACTOR));
    }

    @Test
    void anEscalationForAMissedAcknowledgementBeforeTheDeadlineIsRefused() {
        fixture.given(declared(Severity.SEV2))
                .when(overdue(minutes(14)), IMPORTED)
                .expectException(refusedWith(ErrorCode.ESCALATION_NOT_OVERDUE))
                .expectNoEvents();
    }

    @Test
    void anEscalationForAMissedAcknowledgementAfterAnAcknowledgementIsRefused() {
        fixture.given(declared(Severity.SEV2), new IncidentAcknowledged(ID, "dana", minutes(20)))
                .when(overdue(minutes(30)), IMPORTED)
                .expectException(refusedWith(ErrorCode.ESCALATION_NOT_OVERDUE));
    }

    @Test
    void theNextEscalationForAMissedAcknowledgementComesOneAckIntervalLater() {
        fixture.given(declared(Severity.SEV3),
                        new IncidentEscalated(ID, 2, EscalationReason.ACK_OVERDUE, null, minutes(30)))
                .when(overdue(minutes(59)), IMPORTED)
                .expectException(refusedWith(ErrorCode.ESCALATION_NOT_OVERDUE));
        IncidentFixtures.newFixture().given(declared(Severity.SEV3),
                        new IncidentEscalated(ID, 2, EscalationReason.ACK_OVERDUE, null, minutes(30)))
                .when(overdue(minutes(60)), IMPORTED)
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(60)));
    }

    @Test
    void aRaiseBringsTheMissedAcknowledgementCloser() {
        // SEV3 at 0 (due at 30), raised to SEV2 at 5: due at 5 + 15 = 20.
        fixture.given(declared(Severity.SEV3), new SeverityChanged(ID, Severity.SEV3, Severity.SEV2, "worse", minutes(5)))
                .when(overdue(minutes(20)), IMPORTED)
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(20)));
    }

    @Test
    void aLoweringDoesNotPostponeTheMissedAcknowledgement() {
        fixture.given(declared(Severity.SEV2), new SeverityChanged(ID, Severity.SEV2, Severity.SEV4, "cosmetic", minutes(1)))
                .when(overdue(minutes(15)), IMPORTED)
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(15)));
    }

    @Test
    void anEscalationForAMissedAcknowledgementOfASev4IsRefused() {
        fixture.given(declared(Severity.SEV4))
                .when(overdue(minutes(60)), IMPORTED)
                .expectException(refusedWith(ErrorCode.ESCALATION_NOT_OVERDUE));
    }

    @Test
    void aMissedAcknowledgementCountsFromDetection() {
        Instant detected = minutes(-10);
        IncidentDeclared detectedEarlier = new IncidentDeclared(ID, "Chat down", null, Severity.SEV2, List.of("chat"),
                IncidentSource.manual(), t0, null, detected, null);
        fixture.given(detectedEarlier)
                .when(overdue(minutes(4)), IMPORTED)
                .expectException(refusedWith(ErrorCode.ESCALATION_NOT_OVERDUE));
        IncidentFixtures.newFixture().given(detectedEarlier)
                .when(overdue(minutes(5)), IMPORTED)
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(5)));
    }

    @Test
    void aReopenedIncidentIsOverdueOneAckIntervalAfterTheReopen() {
        fixture.given(declared(Severity.SEV2), new IncidentResolved(ID, "fixed", null, minutes(10)),
                        new IncidentReopened(ID, "back", minutes(100)))
                .when(overdue(minutes(114)), IMPORTED)
                .expectException(refusedWith(ErrorCode.ESCALATION_NOT_OVERDUE));
    }

    @Test
    void aReopenedIncidentAcknowledgedBeforeIsOverdueAgainOneAckIntervalAfterTheReopen() {
        fixture.given(declared(Severity.SEV2), new IncidentAcknowledged(ID, "alice", minutes(3)),
                        new IncidentResolved(ID, "fixed", null, minutes(10)), new IncidentReopened(ID, "back", minutes(100)))
                .when(overdue(minutes(115)), IMPORTED)
                .expectEvents(new IncidentEscalated(ID, 3, EscalationReason.ACK_OVERDUE, null, minutes(115)));
    }

    @Test
    void noEscalationForAMissedAcknowledgementPastTheHighestLevel() {
        fixture.given(declared(Severity.SEV1))
                .when(overdue(minutes(10)), IMPORTED)
                .expectException(refusedWith(ErrorCode.ESCALATION_AT_HIGHEST_LEVEL));
    }

    private static Matcher<List<EventMessage<?>>> onlyEvent(Object payload, String actor) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.size() == 1 && events.get(0).getPayload().equals(payload)
                        && actor.equals(events.get(0).getMetaData().get(EventMetadata.ACTOR));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("one event " + payload + " by " + actor);
            }
        };
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
