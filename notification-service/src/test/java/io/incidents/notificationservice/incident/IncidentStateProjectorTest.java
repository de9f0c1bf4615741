package io.incidents.notificationservice.incident;

import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.events.StatusPagePhase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public side of an incident's state (SPEC 6): what was published, and whether support heard of it. */
class IncidentStateProjectorTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String ID = "inc-1";

    @Test
    void aDeclarationPublishesNothing() {
        IncidentState state = project(declared(Severity.SEV1, false));

        assertThat(state.published()).isFalse();
        assertThat(state.publicTitle()).isNull();
        assertThat(state.publicComponents()).isEmpty();
        assertThat(state.highestSeverity()).isEqualTo(Severity.SEV1);
    }

    @Test
    void aStatusUpdateWithoutATitleOrComponentsKeepsThoseAlreadyPublished() {
        IncidentState state = project(declared(Severity.SEV2, false),
                update(StatusPagePhase.INVESTIGATING, "Looking.", "Payments failing", List.of("Checkout", "Card payments")),
                update(StatusPagePhase.IDENTIFIED, "Found it.", null, null));

        assertThat(state.published()).isTrue();
        assertThat(state.publicPhase()).isEqualTo(StatusPagePhase.IDENTIFIED);
        assertThat(state.publicMessage()).isEqualTo("Found it.");
        assertThat(state.publicTitle()).isEqualTo("Payments failing");
        assertThat(state.publicComponents()).containsExactly("Checkout", "Card payments");
    }

    @Test
    void aLaterTitleOrComponentListReplacesTheEarlierOneEachOnItsOwn() {
        IncidentState state = project(declared(Severity.SEV2, false),
                update(StatusPagePhase.INVESTIGATING, "Looking.", "Payments failing", List.of("Checkout")),
                update(StatusPagePhase.IDENTIFIED, "Found it.", "Card payments failing", null),
                update(StatusPagePhase.MONITORING, "Fixed.", null, List.of("Card payments")));

        assertThat(state.publicTitle()).isEqualTo("Card payments failing");
        assertThat(state.publicComponents()).containsExactly("Card payments");
    }

    @Test
    void oncePublishedItStaysPublishedThroughALoweringAResolutionAndAReopen() {
        List<IncidentEvent> events = new ArrayList<>(List.of(declared(Severity.SEV2, false),
                update(StatusPagePhase.INVESTIGATING, "Looking.", "Payments failing", List.of("Checkout")),
                new SeverityChanged(ID, Severity.SEV2, Severity.SEV4, "minor", T0.plusSeconds(300))));
        IncidentState lowered = project(events.toArray(IncidentEvent[]::new));
        events.add(new IncidentResolved(ID, "fixed", null, T0.plusSeconds(600)));
        IncidentState resolved = project(events.toArray(IncidentEvent[]::new));
        events.add(new IncidentReopened(ID, "back", T0.plusSeconds(900)));
        IncidentState reopened = project(events.toArray(IncidentEvent[]::new));

        assertThat(lowered.severity()).isEqualTo(Severity.SEV4);
        assertThat(lowered.highestSeverity()).isEqualTo(Severity.SEV2);
        for (IncidentState state : List.of(lowered, resolved, reopened)) {
            assertThat(state.published()).isTrue();
            assertThat(state.publicTitle()).isEqualTo("Payments failing");
        }
        assertThat(reopened.publicPhase()).isEqualTo(StatusPagePhase.INVESTIGATING);
    }

    @Test
    void theHighestSeverityOnlyEverRises() {
        IncidentState state = project(declared(Severity.SEV3, false),
                new SeverityChanged(ID, Severity.SEV3, Severity.SEV1, "worse", T0.plusSeconds(60)),
                new SeverityChanged(ID, Severity.SEV1, Severity.SEV4, "better", T0.plusSeconds(120)),
                new SeverityChanged(ID, Severity.SEV4, Severity.SEV2, "again", T0.plusSeconds(180)));

        assertThat(state.severity()).isEqualTo(Severity.SEV2);
        assertThat(state.highestSeverity()).isEqualTo(Severity.SEV1);
    }

    @Test
    void procedureDPublishesTheIncidentAndOtherProceduresDoNot() {
        IncidentState codeRollback = project(declared(Severity.SEV1, false), rollback(RollbackProcedure.A));
        IncidentState shutdown = project(declared(Severity.SEV1, false), rollback(RollbackProcedure.D));

        assertThat(codeRollback.published()).isFalse();
        assertThat(shutdown.published()).isTrue();
    }

    @Test
    void aDrillIsNeverPublishedWhateverIsPosted() {
        IncidentState state = project(declared(Severity.SEV1, true),
                update(StatusPagePhase.IDENTIFIED, "Found it.", "Payments failing", List.of("Checkout")),
                rollback(RollbackProcedure.D));

        assertThat(state.drill()).isTrue();
        assertThat(state.published()).isFalse();
    }

    @Test
    void theStoredStateReadsBackWithItsPublicFields() {
        IncidentState state = project(declared(Severity.SEV2, true),
                update(StatusPagePhase.IDENTIFIED, "Found it.", "Payments failing", List.of("Checkout")),
                new SeverityChanged(ID, Severity.SEV2, Severity.SEV4, "minor", T0.plusSeconds(300)));

        assertThat(IncidentStateJson.read(IncidentStateJson.write(state))).isEqualTo(state);
    }

    @Test
    void aStateStoredBeforeThePublicFieldsExistedReadsAsNeverMoreSevereAndUnpublished() {
        String stored = """
                {"incidentId":"inc-0","title":"Old","description":null,"severity":"SEV2","services":["checkout"],
                 "declaredAt":"2026-01-01T00:00:00Z","toldLevel":2,"publicPhase":"INVESTIGATING","publicMessage":null,
                 "acknowledged":false,"acknowledgedBy":null,"resolvedAt":null,"resolution":null}""";

        IncidentState state = IncidentStateJson.read(stored);

        assertThat(state.highestSeverity()).isEqualTo(Severity.SEV2);
        assertThat(state.drill()).isFalse();
        assertThat(state.published()).isFalse();
        assertThat(state.publicComponents()).isEmpty();
    }

    private static IncidentDeclared declared(Severity severity, boolean drill) {
        return new IncidentDeclared(ID, "Checkout failing", null, severity, List.of("checkout"), IncidentSource.manual(), T0,
                null, null, null, drill);
    }

    private static IncidentStatusUpdated update(StatusPagePhase phase, String message, String publicTitle,
                                                List<String> components) {
        return new IncidentStatusUpdated(ID, phase, message, T0.plusSeconds(60), publicTitle, components);
    }

    private static RollbackStarted rollback(RollbackProcedure procedure) {
        return new RollbackStarted(ID, "rb-1", procedure, List.of("checkout"), "v1", "bad deploy", T0.plusSeconds(120));
    }

    private static IncidentState project(IncidentEvent... events) {
        return IncidentStateProjector.project(List.of(events)).orElseThrow();
    }
}
