package io.incidents.timelineservice.postmortem;

import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.support.events.StoredEvent;
import io.incidents.timelineservice.sla.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostMortemGeneratorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000003";
    private final PostMortemGenerator generator = new PostMortemGenerator(SlaPolicy.DEFAULT, RollbackDurations.DEFAULT);

    private final List<StoredEvent> events = EventFeed.stored("alice",
            Incidents.declared(ID, Severity.SEV2, T0, "billing"),
            Incidents.acknowledged(ID, T0, 10),
            new IncidentStatusUpdated(ID, StatusPagePhase.IDENTIFIED, "Payments fail for some cards.", T0.plusSeconds(900)),
            new IncidentEscalated(ID, 3, EscalationReason.MANUAL, "card network", T0.plusSeconds(1000)),
            new RollbackStarted(ID, "rb-1", RollbackProcedure.B, List.of("billing"), "v4.1.0", "migration", T0.plusSeconds(1200)),
            new RollbackCompleted(ID, "rb-1", T0.plusSeconds(1200 + 25 * 60)),
            Incidents.resolved(ID, T0, 200),
            new PostMortemActionItemAdded(ID, "ai-1", "Test migrations on a copy", "erin", LocalDate.parse("2026-12-01"),
                    T0.plusSeconds(13_000)));

    @Test
    void thePostMortemHasEverySectionOfTheSpec() {
        PostMortem pm = generator.generate(events).orElseThrow();

        assertThat(pm.summary()).isEqualTo("fixed");
        assertThat(pm.rootCause()).isEqualTo("a bad deploy");
        assertThat(pm.impact().durationSeconds()).isEqualTo(200 * 60);
        assertThat(pm.metrics().timeToAcknowledge().seconds()).isEqualTo(600);
        assertThat(pm.metrics().timeToAcknowledge().targetSeconds()).isEqualTo(15 * 60);
        assertThat(pm.metrics().timeToAcknowledge().verdict()).isEqualTo(Verdict.MET);
        assertThat(pm.metrics().timeToMitigate().seconds()).isEqualTo(1200 + 25 * 60);
        assertThat(pm.metrics().timeToResolve().verdict()).isEqualTo(Verdict.MET);
        assertThat(pm.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.durationSeconds()).isEqualTo(25 * 60);
            assertThat(r.overrun()).isTrue();
        });
        assertThat(pm.escalations()).singleElement().satisfies(e -> assertThat(e.levelName()).isEqualTo("engineering manager"));
        assertThat(pm.communications()).singleElement().satisfies(c -> assertThat(c.phase()).isEqualTo(StatusPagePhase.IDENTIFIED));
        assertThat(pm.actionItems()).singleElement().satisfies(a -> assertThat(a.owner()).isEqualTo("erin"));
        assertThat(pm.timeline()).hasSize(events.size());

        String markdown = PostMortemMarkdown.render(pm);
        assertThat(markdown).contains("# Post-mortem: Incident 5a0d2c1e", "## Impact", "## Timeline (UTC)",
                "| Time to acknowledge (TTA) | 10 m 0 s | 15 m 0 s | met |", "**over the expected time**",
                "## Root cause\n\na bad deploy", "- [ ] Test migrations on a copy (erin, due 2026-12-01)",
                "## What went well\n\n_To be filled in by the team._", "## What could be improved");
    }

    @Test
    void theSameEventsAlwaysGiveTheSameDocument() {
        String first = PostMortemMarkdown.render(generator.generate(events).orElseThrow());
        String second = PostMortemMarkdown.render(generator.generate(List.copyOf(events)).orElseThrow());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anOpenIncidentGivesADraftJudgedAsOfItsLastEvent() {
        PostMortem pm = generator.generate(events.subList(0, 2)).orElseThrow();

        assertThat(pm.resolved()).isFalse();
        assertThat(pm.metrics().timeToResolve().verdict()).isEqualTo(Verdict.RUNNING);
        assertThat(PostMortemMarkdown.render(pm)).contains("(draft: not resolved yet)", "- Resolved: not yet");
    }
}
