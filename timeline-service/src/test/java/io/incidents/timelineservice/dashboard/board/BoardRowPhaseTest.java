package io.incidents.timelineservice.dashboard.board;

import io.incidents.events.IncidentEvent;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.support.events.StoredEvent;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.dashboard.LevelHolders;
import io.incidents.timelineservice.incident.IncidentProjector;
import io.incidents.timelineservice.incident.IncidentSummary;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.IncidentViewJson;
import io.incidents.timelineservice.incident.ResponsePhases;
import io.incidents.timelineservice.sla.SlaEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The board row shows the response phase each open incident is in, and since when. */
class BoardRowPhaseTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000077";

    private final LevelHolders holders = holders();

    private static LevelHolders holders() {
        LevelHolders holders = mock(LevelHolders.class);
        when(holders.holderOf(anyInt())).thenReturn("Dana Osei");
        return holders;
    }

    private IncidentSummary summary(IncidentEvent... events) {
        List<StoredEvent> stored = EventFeed.stored("alice", events);
        IncidentView view = IncidentProjector.project(stored).orElseThrow();
        return new IncidentSummary(view, SlaEngine.evaluate(stored.stream().map(StoredEvent::event).toList(),
                SlaPolicy.DEFAULT, stored.get(stored.size() - 1).occurredAt()));
    }

    private String html(IncidentSummary summary) {
        BoardRow row = BoardRow.of(summary, RollbackDurations.DEFAULT, holders, "victor", T0.plusSeconds(900));
        return new BoardRowHtml("", false, null).rows(List.of(row));
    }

    @Test
    void anUnacknowledgedIncidentIsInTriageSinceDetection() {
        IncidentSummary summary = summary(Incidents.declared(ID, Severity.SEV2, T0, "checkout"));

        BoardRow row = BoardRow.of(summary, RollbackDurations.DEFAULT, holders, "victor", T0.plusSeconds(60));
        assertThat(row.responsePhase()).isEqualTo(ResponsePhases.Phase.TRIAGE);
        assertThat(row.responsePhaseSince()).isEqualTo(T0);
        assertThat(html(summary)).contains("data-phase=\"TRIAGE\"")
                .contains("<span class=\"response-phase\">detection and triage</span> since <time datetime=\"2026-11-02T08:00:00Z\"");
    }

    @Test
    void aRollbackStartedAfterTheAckPutsTheRowInMitigationSinceItStarted() {
        String html = html(summary(
                Incidents.declared(ID, Severity.SEV2, T0, "checkout"),
                Incidents.acknowledged(ID, T0, 3),
                new RollbackStarted(ID, "rb", RollbackProcedure.A, List.of("checkout"), "v1", "bad", T0.plusSeconds(600))));

        assertThat(html).contains("data-phase=\"MITIGATION\"")
                .contains("<span class=\"response-phase\">mitigation</span> since <time datetime=\"2026-11-02T08:10:00Z\"")
                .doesNotContain(">investigation<");
    }

    @Test
    void aSummaryStoredBeforePhasesWereDerivedShowsNoPhase() {
        IncidentSummary current = summary(Incidents.declared(ID, Severity.SEV2, T0, "checkout"), Incidents.acknowledged(ID, T0, 3));
        String stored = IncidentViewJson.write(current.view())
                .replaceAll(",?\"(phase|phases|communication)\":(\\[[^\\]]*\\]|\\{[^}]*\\}|\"[A-Z_]+\"|null)", "");
        IncidentSummary old = new IncidentSummary(IncidentViewJson.read(stored), current.sla());

        assertThat(html(old)).contains("data-phase=\"\"").doesNotContain("response-phase")
                .contains("<span class=\"status\">acknowledged</span> &middot; <span>checkout</span>");
    }
}
