package io.incidents.incidentservice.importing;

import io.incidents.incidentservice.importing.ImportPlan.PlannedIncident;
import io.incidents.incidentservice.importing.ImportRequest.PastIncident;
import io.incidents.policy.SlaPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.incidents.incidentservice.importing.PastIncidents.ackOverdue;
import static io.incidents.incidentservice.importing.PastIncidents.acknowledge;
import static io.incidents.incidentservice.importing.PastIncidents.actionItem;
import static io.incidents.incidentservice.importing.PastIncidents.escalate;
import static io.incidents.incidentservice.importing.PastIncidents.incident;
import static io.incidents.incidentservice.importing.PastIncidents.reopen;
import static io.incidents.incidentservice.importing.PastIncidents.resolve;
import static io.incidents.incidentservice.importing.PastIncidents.role;
import static io.incidents.incidentservice.importing.PastIncidents.rollbackComplete;
import static io.incidents.incidentservice.importing.PastIncidents.rollbackFail;
import static io.incidents.incidentservice.importing.PastIncidents.rollbackStart;
import static io.incidents.incidentservice.importing.PastIncidents.severity;
import static io.incidents.incidentservice.importing.PastIncidents.status;
import static org.assertj.core.api.Assertions.assertThat;

/** The aggregate's own rules, applied to a request before anything is written. */
class ImportDryRunTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");

    private final ImportDryRun dryRun = new ImportDryRun(SlaPolicy.DEFAULT);

    private static Instant minutes(long minutes) {
        return T0.plusSeconds(60 * minutes);
    }

    private List<ImportError> run(PastIncident... incidents) {
        List<PlannedIncident> plan = ImportPlanner.plan(List.of(incidents), NOW, 500);
        return dryRun.run(plan);
    }

    @Test
    void aWholeHistoryWithEveryKindOfStepPassesWithoutArmingATimer() {
        // The dry run's deadline manager throws on any schedule: passing proves none was attempted.
        assertThat(run(incident("pd-1", "SEV3", T0, ackOverdue(minutes(30)), severity(minutes(35), "SEV2"),
                ackOverdue(minutes(50)), acknowledge(minutes(52)), role(minutes(53), "INCIDENT_COMMANDER", "carol"),
                status(minutes(55), "IDENTIFIED", "A faulty deployment was identified."),
                rollbackStart(minutes(56), null, "B"), rollbackFail(minutes(70), null), rollbackStart(minutes(71), null, "A"),
                rollbackComplete(minutes(79), null), escalate(minutes(80)), resolve(minutes(90)), reopen(minutes(200)),
                severity(minutes(201), "SEV1"), resolve(minutes(230)), actionItem(minutes(3000), LocalDate.parse("2026-10-20")))))
                .isEmpty();
    }

    @Test
    void aSecondResolutionWithoutAReopenIsRefusedAtThatStep() {
        List<ImportError> errors = run(incident("ok", "SEV2", T0, resolve(minutes(10))),
                incident("twice", "SEV2", T0, acknowledge(minutes(1)), resolve(minutes(10)), resolve(minutes(20))));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.incident()).isEqualTo(1);
            assertThat(error.externalId()).isEqualTo("twice");
            assertThat(error.step()).isEqualTo(2);
            assertThat(error.stepType()).isEqualTo("RESOLVE");
            assertThat(error.message()).contains("resolved");
        });
    }

    @Test
    void aMissedAcknowledgementBeforeItsDeadlineIsRefused() {
        assertThat(run(incident("early", "SEV2", T0, ackOverdue(minutes(10)), resolve(minutes(20)))))
                .singleElement().satisfies(error -> {
                    assertThat(error.step()).isZero();
                    assertThat(error.message()).contains("not overdue before " + minutes(15));
                });
    }

    @Test
    void aFailedRollbackCannotBeCompletedAndTheNextIncidentIsStillChecked() {
        List<ImportError> errors = run(
                incident("rb", "SEV2", T0, rollbackStart(minutes(1), "a", "A"), rollbackFail(minutes(5), "a"),
                        rollbackComplete(minutes(6), "a"), resolve(minutes(10))),
                incident("two-running", "SEV2", T0, rollbackStart(minutes(1), "a", "A"), rollbackStart(minutes(2), "b", "C"),
                        resolve(minutes(10))));

        assertThat(errors).extracting(ImportError::externalId, ImportError::step).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rb", 2), org.assertj.core.groups.Tuple.tuple("two-running", 1));
    }
}
