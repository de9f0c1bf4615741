package io.incidents.timelineservice.postmortem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.ActionItemOverdue;
import io.incidents.events.ActionItemStatus;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.EventJson;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentTypeSet;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.PostMortemCompleted;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.PostMortemScheduled;
import io.incidents.events.PostMortemSection;
import io.incidents.events.PostMortemSectionWritten;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.policy.RollbackChecklists;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.support.events.StoredEvent;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC 7's follow-up in the post-mortem: the type and checklists, the team's sections, action items, due time, agenda. */
class PostMortemFollowUpTest {

    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final String ID = "5a0d2c1e-0000-4000-8000-000000000007";
    private final PostMortemGenerator generator = new PostMortemGenerator(SlaPolicy.DEFAULT, RollbackDurations.DEFAULT);

    private static IncidentTypeSet type(String type, String title, boolean suggested, Instant at, String... itemIds) {
        List<ChecklistItem> items = new ArrayList<>();
        for (String itemId : itemIds) {
            items.add(new ChecklistItem(itemId, "Step " + itemId));
        }
        return new IncidentTypeSet(ID, type, title, items, suggested, at);
    }

    private static ChecklistItemTicked tick(String checklist, String itemId, boolean done, long seconds) {
        return new ChecklistItemTicked(ID, checklist, itemId, done, "bob", T0.plusSeconds(seconds));
    }

    private static final ObjectMapper JSON = EventJson.newMapper();

    @Test
    void theTeamsLatestSectionsTheActionItemsAsTheyStandAndAScheduledDueTimeMissedAreInTheDocument() throws Exception {
        Instant resolvedAt = T0.plusSeconds(20 * 60);
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "checkout"),
                new RoleAssigned(ID, IncidentRole.INCIDENT_COMMANDER, "carol", T0.plusSeconds(60)),
                Incidents.resolved(ID, T0, 20),
                new PostMortemActionItemAdded(ID, "ai-1", "Alert on pool saturation", "erin", LocalDate.parse("2026-11-05"),
                        resolvedAt.plusSeconds(60)),
                new PostMortemActionItemAdded(ID, "ai-2", "Load-test the pool", "frank", LocalDate.parse("2026-11-03"),
                        resolvedAt.plusSeconds(120)),
                new PostMortemActionItemAdded(ID, "ai-3", "Document the pool limits", "gina", LocalDate.parse("2026-11-03"),
                        resolvedAt.plusSeconds(180)),
                new PostMortemSectionWritten(ID, PostMortemSection.WENT_WELL, "The rollback was quick", "dana",
                        resolvedAt.plusSeconds(600)),
                new PostMortemSectionWritten(ID, PostMortemSection.LESSONS, "Pools need alerts too", "dana",
                        resolvedAt.plusSeconds(700)),
                new PostMortemSectionWritten(ID, PostMortemSection.WENT_WELL, "Detection and rollback were quick", "erin",
                        resolvedAt.plusSeconds(800)),
                new PostMortemScheduled(ID, "dana", Instant.parse("2026-11-03T10:00:00Z"), resolvedAt.plusSeconds(900)),
                new ActionItemUpdated(ID, "ai-1", "erin", LocalDate.parse("2026-11-05"), ActionItemStatus.DONE, "erin",
                        Instant.parse("2026-11-03T09:00:00Z")),
                new PostMortemOverdue(ID, "dana", Instant.parse("2026-11-03T10:00:00Z")),
                new ActionItemOverdue(ID, "ai-2", "frank", LocalDate.parse("2026-11-03"), Instant.parse("2026-11-04T00:00:00Z")),
                new ActionItemOverdue(ID, "ai-3", "gina", LocalDate.parse("2026-11-03"), Instant.parse("2026-11-04T00:00:00Z")),
                // Moved after its reminder: open, but no longer past its (new) due date.
                new ActionItemUpdated(ID, "ai-3", "gina", LocalDate.parse("2026-11-20"), ActionItemStatus.OPEN, "gina",
                        Instant.parse("2026-11-04T08:00:00Z")));

        PostMortem pm = generator.generate(events).orElseThrow();
        String markdown = PostMortemMarkdown.render(pm);

        assertThat(pm.whatWentWell()).isEqualTo("Detection and rollback were quick");
        assertThat(pm.whatCouldBeImproved()).isEmpty();
        assertThat(pm.lessons()).isEqualTo("Pools need alerts too");
        assertThat(markdown).contains(
                "## What went well\n\nDetection and rollback were quick\n\n_Written by erin, 2026-11-02 08:33:20._\n\n",
                "## What could be improved\n\n_Not written yet: to be filled in by the team._\n\n",
                "## Lessons\n\nPools need alerts too\n\n_Written by dana, 2026-11-02 08:31:40._\n\n",
                "- [x] Alert on pool saturation (erin, due 2026-11-05) — done\n",
                "- [ ] Load-test the pool (frank, due 2026-11-03) — **overdue** (still open past its due date)\n",
                "- [ ] Document the pool limits (gina, due 2026-11-20) — open\n",
                "## Post-mortem meeting\n\n- Due: 2026-11-03 10:00:00 (scheduled)\n- Owner: dana\n"
                        + "- Status: **overdue**: not completed by its due time\n",
                "### Post-mortem meeting agenda\n\n", "\n1. Ground rules and purpose");
        String wentWell = markdown.substring(markdown.indexOf("## What went well"), markdown.indexOf("## What could be improved"));
        assertThat(wentWell).as("the first text of a rewritten section is gone").doesNotContain("The rollback was quick");
        assertThat(markdown).as("the timeline keeps both").contains("dana wrote the post-mortem's \"What went well\": The rollback"
                + " was quick", "erin rewrote the post-mortem's \"What went well\": Detection and rollback were quick");

        JsonNode json = JSON.readTree(JSON.writeValueAsString(pm));
        assertThat(json.path("teamSections")).extracting(s -> s.path("section").asText() + ":" + s.path("written").asBoolean())
                .containsExactly("WENT_WELL:true", "TO_IMPROVE:false", "LESSONS:true");
        assertThat(json.path("actionItems")).extracting(a -> a.path("actionItemId").asText() + ":" + a.path("status").asText()
                        + ":" + a.path("overdue").asBoolean())
                .containsExactly("ai-1:DONE:false", "ai-2:OPEN:true", "ai-3:OPEN:false");
        assertThat(json.path("schedule").path("dueAt").asText()).isEqualTo("2026-11-03T10:00:00Z");
        assertThat(json.path("schedule").path("owner").asText()).isEqualTo("dana");
        assertThat(json.path("schedule").path("overdue").asBoolean()).isTrue();
        assertThat(json.path("agenda").path("items").size()).isGreaterThan(3);
        assertThat(json.path("whatWentWell").asText()).isEqualTo("Detection and rollback were quick");
    }

    @Test
    void unscheduledThePostMortemIsDue48HoursAfterTheFinalResolutionAndOwnedByTheIncidentCommander() {
        List<StoredEvent> events = EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV3, T0, "search"),
                new RoleAssigned(ID, IncidentRole.INCIDENT_COMMANDER, "carol", T0.plusSeconds(60)),
                Incidents.resolved(ID, T0, 30),
                new io.incidents.events.IncidentReopened(ID, "errors again", T0.plusSeconds(3600)),
                Incidents.resolved(ID, T0, 120),
                new PostMortemCompleted(ID, "carol", T0.plusSeconds(120 * 60).plus(Duration.ofHours(50))));

        PostMortem open = generator.generate(events.subList(0, 2)).orElseThrow();
        PostMortem afterReopen = generator.generate(events.subList(0, 4)).orElseThrow();
        PostMortem resolved = generator.generate(events.subList(0, 5)).orElseThrow();
        PostMortem completed = generator.generate(events).orElseThrow();

        assertThat(open.schedule().dueAt()).isNull();
        assertThat(PostMortemMarkdown.render(open)).contains("- Due: 48 h after the resolution\n- Owner: carol (incident commander)\n");
        assertThat(afterReopen.schedule().dueAt()).as("reopened: due after the next resolution").isNull();
        assertThat(resolved.schedule().dueAt()).as("48 h after the final resolution")
                .isEqualTo(T0.plusSeconds(120 * 60).plus(Duration.ofHours(48)));
        assertThat(resolved.schedule().owner()).isEqualTo("carol");
        assertThat(resolved.schedule().scheduled()).isFalse();
        assertThat(PostMortemMarkdown.render(resolved)).contains("- Due: 2026-11-04 10:00:00 (48 h after the resolution)\n",
                "- Status: not completed yet\n");
        assertThat(completed.schedule().completed()).isTrue();
        assertThat(completed.schedule().overdue()).as("completed, though after its due time").isFalse();
        assertThat(PostMortemMarkdown.render(completed)).contains("- Status: completed by carol, 2026-11-04 12:00:00\n");
    }

    @Test
    void theTypeTheRunbookChecklistAndEachRollbacksVerificationAreListed() throws Exception {
        String first = ChecklistItemTicked.rollbackChecklist("rb-1");
        String second = ChecklistItemTicked.rollbackChecklist("rb-2");
        List<StoredEvent> events = new ArrayList<>(EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "checkout"),
                type("service-outage", "Service outage", true, T0.plusSeconds(1), "health"),
                type("database-connections", "Database connection issues", false, T0.plusSeconds(60), "pool-metrics",
                        "db-sessions"),
                tick("runbook", "pool-metrics", true, 120),
                tick("runbook", "db-sessions", true, 130),
                tick("runbook", "db-sessions", false, 140),
                new RollbackStarted(ID, "rb-1", RollbackProcedure.A, List.of("checkout"), "v1.2.3", "bad deploy", T0.plusSeconds(300)),
                tick(first, "before-assess", true, 310),
                tick(first, "step-stop", true, 320),
                tick(first, "verify-health", true, 400),
                tick(first, "verify-flows", true, 410),
                tick(first, "verify-flows", false, 420),
                new RollbackCompleted(ID, "rb-1", T0.plusSeconds(600)),
                new RollbackStarted(ID, "rb-2", RollbackProcedure.C, List.of("checkout"), "v1.2.2", "still failing",
                        T0.plusSeconds(700))));
        long at = 800;
        for (ChecklistItem item : RollbackChecklists.VERIFY) {
            events.addAll(EventFeed.stored("bob", tick(second, item.id(), true, at++)));
        }
        events = EventFeed.stored("alice", events.stream().map(StoredEvent::event).toArray(io.incidents.events.IncidentEvent[]::new));

        PostMortem pm = generator.generate(events).orElseThrow();
        String markdown = PostMortemMarkdown.render(pm);

        assertThat(pm.type()).isEqualTo(new PostMortem.IncidentType("database-connections", "Database connection issues", false));
        assertThat(pm.runbookChecklist()).extracting(item -> item.id() + ":" + item.done())
                .containsExactly("pool-metrics:true", "db-sessions:false");
        assertThat(pm.rollbacks()).extracting(PostMortem.RollbackReport::rollbackId, PostMortem.RollbackReport::verified)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rb-1", false), org.assertj.core.groups.Tuple.tuple("rb-2", true));
        assertThat(pm.rollbacks().get(0).verificationMissing()).containsExactly("Critical user flows working",
                "Error rate under 1 % and response time back at baseline", "Database integrity: connections, row counts",
                "Watched for 15 minutes");
        assertThat(markdown).contains(
                "- Type: database-connections, runbook \"Database connection issues\"\n",
                "## Runbook and checklists\n\nType: database-connections, runbook \"Database connection issues\".\n\n"
                        + "- [x] Step pool-metrics (ticked by bob, 2026-11-02 08:02:00)\n"
                        + "- [ ] Step db-sessions (unticked by bob, 2026-11-02 08:02:20)\n",
                "### Rollback to v1.2.3 (procedure A): **not verified**: missing Critical user flows working; Error rate under 1 %"
                        + " and response time back at baseline; Database integrity: connections, row counts; Watched for 15 minutes\n",
                "- [x] Assess: impact, error rate, what changed (ticked by bob, 2026-11-02 08:05:10)\n",
                "Procedure A steps:\n\n- [x] Stop the services (ticked by bob, 2026-11-02 08:05:20)\n- [ ] Check out the previous version\n",
                "### Rollback to v1.2.2 (procedure C): verified\n")
                .as("the alert's suggestion was replaced by a responder's choice").doesNotContain("suggested by the alert)");
        JsonNode json = JSON.readTree(JSON.writeValueAsString(pm));
        assertThat(json.path("rollbacks").get(1).path("verified").asBoolean()).isTrue();
        assertThat(json.path("rollbacks").get(0).path("checklist").path("steps").get(0).path("done").asBoolean()).isTrue();
        assertThat(json.path("type").path("type").asText()).isEqualTo("database-connections");
    }

    @Test
    void aStatusUpdatesPublicTitleAndComponentsAreAmongTheCommunications() {
        PostMortem pm = generator.generate(EventFeed.stored("alice", Incidents.declared(ID, Severity.SEV2, T0, "checkout"),
                new io.incidents.events.IncidentStatusUpdated(ID, io.incidents.events.StatusPagePhase.INVESTIGATING,
                        "Looking into it", T0.plusSeconds(60), "Checkout unavailable", List.of("Checkout", "Payments")),
                new io.incidents.events.IncidentStatusUpdated(ID, io.incidents.events.StatusPagePhase.MONITORING, "Fixed",
                        T0.plusSeconds(120)))).orElseThrow();

        assertThat(pm.communications()).extracting(PostMortem.Communication::publicTitle)
                .containsExactly("Checkout unavailable", null);
        assertThat(PostMortemMarkdown.render(pm)).contains("- 2026-11-02 08:01:00 INVESTIGATING: Looking into it"
                + " (public title \"Checkout unavailable\") (components: Checkout, Payments)\n- 2026-11-02 08:02:00 MONITORING: Fixed\n");
    }

    @Test
    void aDrillSaysSoAndARealIncidentDoesNot() throws Exception {
        PostMortem drill = generator.generate(EventFeed.stored("alice", new IncidentDeclared(ID, "Game day: pool exhausted", null,
                Severity.SEV2, List.of("checkout"), IncidentSource.manual(), T0, null, null, null, true))).orElseThrow();
        PostMortem real = generator.generate(EventFeed.stored("alice", Incidents.declared(ID, Severity.SEV2, T0, "checkout")))
                .orElseThrow();

        assertThat(PostMortemMarkdown.render(drill)).contains("**DRILL**: this incident was a drill")
                .contains("DRILL: alice declared SEV2 \"Game day: pool exhausted\"");
        assertThat(JSON.readTree(JSON.writeValueAsString(drill)).path("drill").asBoolean()).isTrue();
        assertThat(PostMortemMarkdown.render(real)).doesNotContain("DRILL");
        assertThat(JSON.readTree(JSON.writeValueAsString(real)).path("drill").asBoolean()).isFalse();
    }

    @Test
    void theMeetingAgendaIsAnEditableFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("agenda.md");
        java.nio.file.Files.writeString(file, "# Our review\n\nThirty minutes, blameless.\n\n1. What happened\n2. What we change\n");
        PostMortemGenerator custom = new PostMortemGenerator(SlaPolicy.DEFAULT, RollbackDurations.DEFAULT,
                PostMortemAgenda.of(file.toString()));

        String markdown = PostMortemMarkdown.render(custom.generate(EventFeed.stored("alice",
                Incidents.declared(ID, Severity.SEV2, T0, "checkout"))).orElseThrow());

        assertThat(markdown).endsWith("### Our review\n\nThirty minutes, blameless.\n\n1. What happened\n2. What we change\n");
        java.nio.file.Path empty = dir.resolve("empty.md");
        java.nio.file.Files.writeString(empty, "# Nothing to discuss\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostMortemAgenda.of(empty.toString()))
                .hasMessageContaining(empty.toString()).hasMessageContaining("lists no items");
        assertThat(PostMortemAgenda.of(null).items()).as("unset: the shipped agenda").isEqualTo(PostMortemAgenda.shipped().items());
    }
}
