package io.incidents.incidentservice.importing;

import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentSource;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.incidentservice.importing.ImportPlan.PlannedCommand;
import io.incidents.incidentservice.importing.ImportPlan.PlannedIncident;
import io.incidents.incidentservice.importing.ImportRequest.PastIncident;
import io.incidents.incidentservice.incident.IncidentCommands.AcknowledgeIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompleteRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.EscalateIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.FailRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.StartRollbackCommand;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.incidents.incidentservice.importing.PastIncidents.ackOverdue;
import static io.incidents.incidentservice.importing.PastIncidents.acknowledge;
import static io.incidents.incidentservice.importing.PastIncidents.actionItem;
import static io.incidents.incidentservice.importing.PastIncidents.incident;
import static io.incidents.incidentservice.importing.PastIncidents.resolve;
import static io.incidents.incidentservice.importing.PastIncidents.rollbackComplete;
import static io.incidents.incidentservice.importing.PastIncidents.rollbackFail;
import static io.incidents.incidentservice.importing.PastIncidents.rollbackStart;
import static io.incidents.incidentservice.importing.PastIncidents.severity;
import static io.incidents.incidentservice.importing.PastIncidents.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");

    private static Instant minutes(long minutes) {
        return T0.plusSeconds(60 * minutes);
    }

    private static List<PlannedIncident> plan(PastIncident... incidents) {
        return ImportPlanner.plan(List.of(incidents), NOW, 500);
    }

    private static List<ImportError> refusals(PastIncident... incidents) {
        try {
            plan(incidents);
        } catch (ImportRefusedException e) {
            return e.errors();
        }
        throw new AssertionError("the request was not refused");
    }

    @Test
    void eachStepBecomesTheCommandTheCommandApiWouldSendWithItsTimeAndActor() {
        List<PlannedIncident> plan = plan(incident("pd-1", "SEV2", T0, acknowledge(minutes(4)), ackOverdue(minutes(15)),
                rollbackStart(minutes(20), null, "A"), rollbackFail(minutes(25), null),
                rollbackStart(minutes(26), "second", "C"), rollbackComplete(minutes(30), "second"),
                resolve(minutes(40)), actionItem(minutes(2000), LocalDate.parse("2026-10-31"))));

        PlannedIncident incident = plan.get(0);
        String id = ImportPlanner.incidentIdFor("pd-1");
        assertThat(incident.incidentId()).isEqualTo(id);
        List<PlannedCommand> commands = incident.commands();
        assertThat(commands.get(0).command()).isEqualTo(new DeclareIncidentCommand(id, "Checkout failing", "HTTP 500 on /pay",
                Severity.SEV2, List.of("checkout"), IncidentSource.manual(), T0));
        assertThat(commands.get(0).actor()).isEqualTo("dana");
        assertThat(commands.get(1).command()).isEqualTo(new AcknowledgeIncidentCommand(id, "dana", minutes(4)));
        assertThat(commands.get(2).command()).isEqualTo(new EscalateIncidentCommand(id, EscalationReason.ACK_OVERDUE, null,
                minutes(15)));
        assertThat(commands.get(2).actor()).isEqualTo("system");
        StartRollbackCommand first = (StartRollbackCommand) commands.get(3).command();
        assertThat(first.procedure()).isEqualTo(RollbackProcedure.A);
        assertThat(((FailRollbackCommand) commands.get(4).command()).rollbackId()).isEqualTo(first.rollbackId());
        StartRollbackCommand second = (StartRollbackCommand) commands.get(5).command();
        assertThat(second.rollbackId()).isNotEqualTo(first.rollbackId());
        assertThat(((CompleteRollbackCommand) commands.get(6).command()).rollbackId()).isEqualTo(second.rollbackId());
        assertThat(commands.get(7).command()).isInstanceOf(ResolveIncidentCommand.class);
        assertThat(((AddActionItemCommand) commands.get(8).command()).due()).isEqualTo(LocalDate.parse("2026-10-31"));
        assertThat(commands).extracting(PlannedCommand::step).containsExactly(null, 0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void theSameExternalIdAlwaysGivesTheSameIdsSoASecondImportFindsTheFirst() {
        PlannedIncident once = plan(incident("pd-1", "SEV2", T0, rollbackStart(minutes(1), null, "A"),
                actionItem(minutes(2), null), resolve(minutes(3)))).get(0);
        PlannedIncident again = plan(incident("pd-1", "SEV2", T0, rollbackStart(minutes(1), null, "A"),
                actionItem(minutes(2), null), resolve(minutes(3)))).get(0);

        assertThat(again).isEqualTo(once);
        assertThat(plan(incident("pd-2", "SEV2", T0, resolve(minutes(3)))).get(0).incidentId()).isNotEqualTo(once.incidentId());
    }

    @Test
    void aMomentInTheFutureIsRefusedNamingTheIncidentAndTheStep() {
        List<ImportError> errors = refusals(incident("ok", "SEV3", T0, resolve(minutes(5))),
                incident("late", "SEV3", T0, acknowledge(minutes(5)), resolve(NOW.plusSeconds(1))));

        assertThat(errors).containsExactly(new ImportError(1, "late", 1, "RESOLVE",
                "at " + NOW.plusSeconds(1) + " is in the future; only past incidents are imported"));
        assertThat(errors.get(0).location()).isEqualTo("incidents[1] (externalId 'late'), steps[1] (RESOLVE)");
    }

    @Test
    void aDeclarationInTheFutureIsRefused() {
        assertThat(refusals(incident("soon", "SEV3", NOW.plusSeconds(60), resolve(NOW.plusSeconds(120)))))
                .extracting(ImportError::step, ImportError::message)
                .contains(org.assertj.core.groups.Tuple.tuple(null,
                        "declaredAt " + NOW.plusSeconds(60) + " is in the future; only past incidents are imported"));
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        assertThat(refusals(incident("pd-1", "SEV3", T0, acknowledge(minutes(10)), severity(minutes(5), "SEV2"),
                resolve(minutes(20)))))
                .singleElement().satisfies(error -> {
                    assertThat(error.step()).isEqualTo(1);
                    assertThat(error.message()).contains("before the step before it");
                });
        assertThat(refusals(incident("pd-2", "SEV3", T0, acknowledge(T0.minusSeconds(1)), resolve(minutes(20)))))
                .singleElement().extracting(ImportError::step).isEqualTo(0);
    }

    @Test
    void stepsAtTheSameMomentAreInOrder() {
        assertThat(plan(incident("pd-1", "SEV3", T0, acknowledge(T0), resolve(T0)))).hasSize(1);
    }

    @Test
    void anIncidentThatIsNotResolvedAtTheEndIsRefused() {
        assertThat(refusals(incident("open", "SEV3", T0, acknowledge(minutes(1)))))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("must be a RESOLVE"));
        assertThat(refusals(incident("none", "SEV3", T0))).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("steps are required"));
    }

    @Test
    void actionItemsMayFollowTheResolutionAsPostMortemFollowUps() {
        assertThat(plan(incident("pd-1", "SEV3", T0, resolve(minutes(5)), actionItem(minutes(3000), null),
                actionItem(minutes(3001), null)))).hasSize(1);
    }

    @Test
    void aStepWithoutTheFieldsItsTypeNeedsIsRefusedNamingTheField() {
        List<ImportError> errors = refusals(incident("pd-1", "SEV3", T0, step("SEVERITY", minutes(1), "dana"),
                step("ROLE", minutes(2), "dana"), step("WHATEVER", minutes(3), "dana"), step("RESOLVE", minutes(4), null)));

        assertThat(errors).extracting(ImportError::step, ImportError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "severity must be one of SEV1, SEV2, SEV3, SEV4"),
                org.assertj.core.groups.Tuple.tuple(0, "reason is required"),
                org.assertj.core.groups.Tuple.tuple(1, "role must be one of COMMUNICATIONS_LEAD, INCIDENT_COMMANDER, SCRIBE,"
                        + " TECHNICAL_LEAD"),
                org.assertj.core.groups.Tuple.tuple(1, "person is required"),
                org.assertj.core.groups.Tuple.tuple(2, "type must be one of ACKNOWLEDGE, ACK_OVERDUE, ACTION_ITEM, ESCALATE,"
                        + " REOPEN, RESOLVE, ROLE, ROLLBACK_COMPLETE, ROLLBACK_FAIL, ROLLBACK_START, SEVERITY, STATUS"),
                org.assertj.core.groups.Tuple.tuple(3, "by is required (who did it)"),
                org.assertj.core.groups.Tuple.tuple(3, "summary is required"));
    }

    @Test
    void theDeclarationIsCheckedAsTheCommandApiChecksIt() {
        PastIncident bad = new PastIncident("pd-1", " ", null, "SEV5", List.of("../etc"), null, T0, null,
                List.of(resolve(minutes(1))));

        assertThat(refusals(bad)).extracting(ImportError::message).containsExactly("title is required",
                "severity must be one of SEV1, SEV2, SEV3, SEV4", "services: " + io.incidents.incidentservice.incident.ServiceNames.MESSAGE,
                "declaredBy is required (who did it)");
    }

    @Test
    void externalIdsAreRequiredAndUniqueWithinARequest() {
        assertThat(refusals(incident("pd-1", "SEV3", T0, resolve(minutes(1))), incident("pd-1", "SEV3", T0, resolve(minutes(1))),
                incident(null, "SEV3", T0, resolve(minutes(1)))))
                .extracting(ImportError::incident, ImportError::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "externalId 'pd-1' appears more than once in this request"),
                        org.assertj.core.groups.Tuple.tuple(2, "externalId is required (the incident's id where it comes from)"));
    }

    @Test
    void aRollbackStepMustNameARollbackStartedBefore() {
        assertThat(refusals(incident("pd-1", "SEV3", T0, rollbackComplete(minutes(1), null), resolve(minutes(2)))))
                .extracting(ImportError::message).containsExactly("no rollback was started before this step");
        assertThat(refusals(incident("pd-2", "SEV3", T0, rollbackStart(minutes(1), "a", "A"), rollbackComplete(minutes(2), "b"),
                resolve(minutes(3))))).extracting(ImportError::message).containsExactly("no rollback 'b' was started before this step");
        assertThat(refusals(incident("pd-3", "SEV3", T0, rollbackStart(minutes(1), "a", "A"), rollbackStart(minutes(2), "a", "B"),
                resolve(minutes(3))))).extracting(ImportError::message)
                .containsExactly("rollback 'a' was started before; each start needs a name of its own");
    }

    @Test
    void theTimersEscalationNamesNoPerson() {
        assertThat(refusals(incident("pd-1", "SEV3", T0, step("ACK_OVERDUE", minutes(30), "dana"), resolve(minutes(40)))))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("by must be left out"));
    }

    @Test
    void anIncidentWithTooManyStepsIsRefused() {
        PastIncident incident = incident("pd-1", "SEV3", T0, acknowledge(minutes(1)), acknowledge(minutes(2)), resolve(minutes(3)));

        assertThatThrownBy(() -> ImportPlanner.plan(List.of(incident), NOW, 2))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("has 3 steps; at most 2 are taken per incident");
    }
}
