package io.incidents.incidentservice.incident;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.ActionItemStatus;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.PostMortemCompleted;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.PostMortemScheduled;
import io.incidents.events.PostMortemSection;
import io.incidents.events.PostMortemSectionWritten;
import io.incidents.events.RoleAssigned;
import io.incidents.events.Severity;
import io.incidents.incidentservice.incident.Incident.ActionItemDue;
import io.incidents.incidentservice.incident.Incident.PostMortemDue;
import io.incidents.incidentservice.incident.IncidentCommands.AddActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompletePostMortemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.SchedulePostMortemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.UpdateActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.WritePostMortemSectionCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** After the incident (SPEC 7): the post-mortem's due time and reminders, the team's sections, action items. */
class PostMortemFollowUpTest {

    private static final String ID = "inc-9";

    private AggregateTestFixture<Incident> fixture;
    private Instant t0;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
        t0 = fixture.currentTime();
    }

    private Instant hours(long hours) {
        return t0.plus(Duration.ofHours(hours));
    }

    private DeclareIncidentCommand declare() {
        return new DeclareIncidentCommand(ID, "Payments down", null, Severity.SEV1, List.of("payments"), IncidentSource.manual(), t0);
    }

    private IncidentDeclared declared() {
        return new IncidentDeclared(ID, "Payments down", null, Severity.SEV1, List.of("payments"), IncidentSource.manual(), t0);
    }

    @Test
    void aResolutionMakesThePostMortemDue48HoursLater() {
        fixture.givenCommands(declare())
                .when(new ResolveIncidentCommand(ID, "rolled back", null, hours(1)))
                .expectScheduledDeadline(hours(49), new PostMortemDue(hours(49)));
    }

    @Test
    void notCompletedByThenTheIncidentCommanderIsReminded() {
        fixture.givenCommands(declare(), new ResolveIncidentCommand(ID, "rolled back", null, hours(1)))
                .andGiven(new RoleAssigned(ID, IncidentRole.INCIDENT_COMMANDER, "alice", hours(1)))
                .whenTimeAdvancesTo(hours(50))
                .expectEvents(new PostMortemOverdue(ID, "alice", hours(49)));
    }

    @Test
    void aCompletedPostMortemIsNotReminded() {
        fixture.givenCommands(declare(), new ResolveIncidentCommand(ID, "rolled back", null, hours(1)),
                        new CompletePostMortemCommand(ID, "alice", hours(30)))
                .whenTimeAdvancesTo(hours(60))
                .expectNoEvents();
    }

    @Test
    void aScheduleMovesTheDueTimeAndOwnerAndOnlyItsOwnDeadlineReminds() {
        fixture.givenCommands(declare(), new ResolveIncidentCommand(ID, "rolled back", null, hours(1)))
                .when(new SchedulePostMortemCommand(ID, "bob", hours(30), hours(2)))
                .expectEvents(new PostMortemScheduled(ID, "bob", hours(30), hours(2)))
                .expectScheduledDeadline(hours(30), new PostMortemDue(hours(30)));
        IncidentFixtures.newFixture().givenCommands(declare(), new ResolveIncidentCommand(ID, "rolled back", null, hours(1)),
                        new SchedulePostMortemCommand(ID, "bob", hours(70), hours(2)))
                .whenTimeAdvancesTo(hours(71))
                .expectEvents(new PostMortemOverdue(ID, "bob", hours(70)));
    }

    @Test
    void aPostMortemIsScheduledOnlyOnceResolvedAndNotAfterItIsCompleted() {
        fixture.givenCommands(declare())
                .when(new SchedulePostMortemCommand(ID, "bob", hours(30), hours(2)))
                .expectException(IncidentException.class);
        IncidentFixtures.newFixture().given(declared(), new IncidentResolved(ID, "fixed", null, hours(1)), new PostMortemCompleted(ID, "alice", hours(3)))
                .when(new SchedulePostMortemCommand(ID, "bob", hours(30), hours(4)))
                .expectException(IncidentException.class);
    }

    @Test
    void theTeamsSectionsAreRecordedAndTheSameTextAgainChangesNothing() {
        fixture.given(declared(), new IncidentResolved(ID, "fixed", null, hours(1)))
                .when(new WritePostMortemSectionCommand(ID, PostMortemSection.WENT_WELL, "Paged within a minute", "alice", hours(2)))
                .expectEvents(new PostMortemSectionWritten(ID, PostMortemSection.WENT_WELL, "Paged within a minute", "alice", hours(2)));
        IncidentFixtures.newFixture().given(declared(), new PostMortemSectionWritten(ID, PostMortemSection.WENT_WELL, "Paged within a minute", "alice",
                        hours(2)))
                .when(new WritePostMortemSectionCommand(ID, PostMortemSection.WENT_WELL, "Paged within a minute", "bob", hours(3)))
                .expectNoEvents();
    }

    @Test
    void anActionItemIsRemindedAtTheEndOfItsDueDateIfStillOpen() {
        LocalDate due = t0.atZone(ZoneOffset.UTC).toLocalDate().plusDays(3);
        Instant endOfDue = due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        fixture.givenCommands(declare())
                .when(new AddActionItemCommand(ID, "ai-1", "Add a canary", "carol", due, hours(1)))
                .expectScheduledDeadline(endOfDue, new ActionItemDue("ai-1", due));
        IncidentFixtures.newFixture().givenCommands(declare(), new AddActionItemCommand(ID, "ai-1", "Add a canary", "carol", due, hours(1)))
                .whenTimeAdvancesTo(endOfDue.plusSeconds(1))
                .expectEvents(new ActionItemOverdue(ID, "ai-1", "carol", due, endOfDue));
    }

    @Test
    void aDoneOrPostponedActionItemIsNotRemindedOnTheOldDate() {
        LocalDate due = t0.atZone(ZoneOffset.UTC).toLocalDate().plusDays(3);
        Instant endOfDue = due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        fixture.givenCommands(declare(), new AddActionItemCommand(ID, "ai-1", "Add a canary", "carol", due, hours(1)),
                        new UpdateActionItemCommand(ID, "ai-1", null, null, ActionItemStatus.DONE, "carol", hours(2)))
                .whenTimeAdvancesTo(endOfDue.plusSeconds(1))
                .expectNoEvents();
        IncidentFixtures.newFixture().givenCommands(declare(), new AddActionItemCommand(ID, "ai-1", "Add a canary", "carol", due, hours(1)),
                        new UpdateActionItemCommand(ID, "ai-1", null, due.plusDays(7), null, "carol", hours(2)))
                .whenTimeAdvancesTo(endOfDue.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void anUpdateRecordsTheItemsNewValuesAndAnUnknownItemIsRefused() {
        LocalDate due = LocalDate.parse("2026-12-31");
        fixture.givenCommands(declare(), new AddActionItemCommand(ID, "ai-1", "Add a canary", "carol", due, hours(1)))
                .when(new UpdateActionItemCommand(ID, "ai-1", "dave", null, ActionItemStatus.WONT_DO, "carol", hours(2)))
                .expectEvents(new ActionItemUpdated(ID, "ai-1", "dave", due, ActionItemStatus.WONT_DO, "carol", hours(2)));
        IncidentFixtures.newFixture().givenCommands(declare())
                .when(new UpdateActionItemCommand(ID, "ai-9", "dave", null, null, "carol", hours(2)))
                .expectException(IncidentException.class);
    }
}
