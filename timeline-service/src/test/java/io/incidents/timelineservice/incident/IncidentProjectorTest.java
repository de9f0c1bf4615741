package io.incidents.timelineservice.incident;

import io.incidents.events.IncidentReopened;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.support.events.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentProjectorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000002";

    @Test
    void statusFollowsAcknowledgementMitigationResolutionAndReopen() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                Incidents.acknowledged(ID, T0, 2),
                new RollbackStarted(ID, "rb", RollbackProcedure.A, List.of("search"), "v9", "bad", T0.plusSeconds(300)),
                new RollbackCompleted(ID, "rb", T0.plusSeconds(600)),
                Incidents.resolved(ID, T0, 30),
                new IncidentReopened(ID, "errors again", T0.plusSeconds(3600)));

        assertThat(status(events.subList(0, 1))).isEqualTo(IncidentStatus.OPEN);
        assertThat(status(events.subList(0, 2))).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(status(events.subList(0, 3))).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(status(events.subList(0, 4))).isEqualTo(IncidentStatus.MITIGATED);
        assertThat(status(events.subList(0, 5))).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(status(events)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    void severityRaiseTellsTheLevelsOfTheNewSeverity() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                new SeverityChanged(ID, Severity.SEV3, Severity.SEV1, "worse", T0.plusSeconds(60)),
                new SeverityChanged(ID, Severity.SEV1, Severity.SEV2, "contained", T0.plusSeconds(120)));

        IncidentView view = IncidentProjector.project(events).orElseThrow();

        assertThat(view.severity()).isEqualTo(Severity.SEV2);
        assertThat(view.highestSeverity()).isEqualTo(Severity.SEV1);
        assertThat(view.escalationLevel()).isEqualTo(4);
        assertThat(view.severityHistory()).hasSize(2);
    }

    @Test
    void asOfShowsOnlyWhatHadHappenedByThen() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "chat"),
                Incidents.acknowledged(ID, T0, 5),
                Incidents.resolved(ID, T0, 50));

        IncidentView atMinute10 = IncidentProjector.projectAsOf(events, T0.plusSeconds(600)).orElseThrow();

        assertThat(atMinute10.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(atMinute10.resolvedAt()).isNull();
        assertThat(IncidentProjector.projectAsOf(events, T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void withoutItsDeclarationAnIncidentCannotBeProjectedYet() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "chat"), Incidents.acknowledged(ID, T0, 5));

        assertThat(IncidentProjector.project(events.subList(1, 2))).isEmpty();
    }

    private static IncidentStatus status(List<StoredEvent> events) {
        return IncidentProjector.project(events).orElseThrow().status();
    }
}
