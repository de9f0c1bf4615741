package io.incidents.incidentservice.incident;

import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentTypeSet;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.RunbookChoice;
import io.incidents.incidentservice.incident.IncidentCommands.SetIncidentTypeCommand;
import io.incidents.incidentservice.incident.IncidentCommands.TickChecklistItemCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** Incident types with their runbook checklists, and rollback checklists (issue 12). */
class RunbookChecklistTest {

    private static final String ID = "inc-3";
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final RunbookChoice POOL = new RunbookChoice("database-connections", "Database connection issues",
            List.of(new ChecklistItem("pool-metrics", "Check the pool"), new ChecklistItem("verify", "Verify")), false);
    private static final IncidentDeclared DECLARED = new IncidentDeclared(ID, "Billing slow", null, Severity.SEV3,
            List.of("billing"), IncidentSource.manual(), T0);

    private AggregateTestFixture<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = IncidentFixtures.newFixture();
    }

    private static IncidentTypeSet typeSet(RunbookChoice choice, Instant at) {
        return new IncidentTypeSet(ID, choice.type(), choice.title(), choice.checklist(), choice.suggested(), at);
    }

    @Test
    void aTypeChosenAtDeclarationComesWithItsChecklist() {
        fixture.givenNoPriorActivity()
                .when(new DeclareIncidentCommand(ID, "Billing slow", null, Severity.SEV3, List.of("billing"),
                        IncidentSource.manual(), T0, null, null, false, POOL))
                .expectEvents(new IncidentDeclared(ID, "Billing slow", null, Severity.SEV3, List.of("billing"),
                        IncidentSource.manual(), T0, null, T0, null, false), typeSet(POOL, T0));
    }

    @Test
    void aRunbookItemIsTickedWithWhoAndWhenAndTickingItAgainChangesNothing() {
        fixture.given(DECLARED, typeSet(POOL, T0))
                .when(new TickChecklistItemCommand(ID, "runbook", "pool-metrics", true, "alice", T0.plusSeconds(60)))
                .expectEvents(new ChecklistItemTicked(ID, "runbook", "pool-metrics", true, "alice", T0.plusSeconds(60)));
        fixture.given(DECLARED, typeSet(POOL, T0),
                        new ChecklistItemTicked(ID, "runbook", "pool-metrics", true, "alice", T0.plusSeconds(60)))
                .when(new TickChecklistItemCommand(ID, "runbook", "pool-metrics", true, "bob", T0.plusSeconds(90)))
                .expectNoEvents();
    }

    @Test
    void anItemNotOnTheChecklistIsRefused() {
        fixture.given(DECLARED, typeSet(POOL, T0))
                .when(new TickChecklistItemCommand(ID, "runbook", "reboot-everything", true, "alice", T0.plusSeconds(60)))
                .expectException(IncidentException.class)
                .expectNoEvents();
        fixture.given(DECLARED)
                .when(new TickChecklistItemCommand(ID, "runbook", "pool-metrics", true, "alice", T0.plusSeconds(60)))
                .expectException(IncidentException.class);
    }

    @Test
    void anAlertsSuggestionNeverReplacesAResponderChoice() {
        RunbookChoice suggestedLeak = new RunbookChoice("memory-leak", "Memory leak",
                List.of(new ChecklistItem("heap", "Heap dump")), true);
        fixture.given(DECLARED, typeSet(POOL, T0))
                .when(new SetIncidentTypeCommand(ID, suggestedLeak, T0.plusSeconds(5)))
                .expectNoEvents();
    }

    @Test
    void aRollbacksVerificationItemsAreItsOwnChecklist() {
        RollbackStarted started = new RollbackStarted(ID, "rb-1", RollbackProcedure.C, List.of("billing"), "v9", "bad", T0);
        fixture.given(DECLARED, started)
                .when(new TickChecklistItemCommand(ID, "rollback:rb-1", "verify-error-rate", true, "alice", T0.plusSeconds(300)))
                .expectEvents(new ChecklistItemTicked(ID, "rollback:rb-1", "verify-error-rate", true, "alice",
                        T0.plusSeconds(300)));
        fixture.given(DECLARED, started)
                .when(new TickChecklistItemCommand(ID, "rollback:rb-1", "step-backup", true, "alice", T0.plusSeconds(300)))
                .expectException(IncidentException.class);
        fixture.given(DECLARED, started)
                .when(new TickChecklistItemCommand(ID, "rollback:rb-2", "verify-health", true, "alice", T0.plusSeconds(300)))
                .expectException(IncidentException.class);
    }

    @Test
    void anItemMayBeUnticked() {
        fixture.given(DECLARED, typeSet(POOL, T0),
                        new ChecklistItemTicked(ID, "runbook", "verify", true, "alice", T0.plusSeconds(60)))
                .when(new TickChecklistItemCommand(ID, "runbook", "verify", false, "alice", T0.plusSeconds(70)))
                .expectEvents(new ChecklistItemTicked(ID, "runbook", "verify", false, "alice", T0.plusSeconds(70)));
    }
}
