package io.incidents.timelineservice.incident;

import io.incidents.events.ActionItemStatus;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.ChecklistItem;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.IncidentTypeSet;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.PostMortemSection;
import io.incidents.events.PostMortemSectionWritten;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.RollbackChecklists;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.ReadApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@IntegrationTest
class ReadApiIntegrationTest {

    private static final EventFeed feed = new EventFeed(Incidents.TOPIC);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    MeterRegistry meterRegistry;
    ReadApi api;

    @BeforeEach
    void setUp() {
        api = new ReadApi(rest);
    }

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Test
    void anIncidentShowsInTheListInDetailAndAsATimeline() {
        Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        String id = Incidents.newId();
        String service = "svc-" + id.substring(0, 6);
        feed.publish("bob",
                Incidents.declared(id, Severity.SEV2, declaredAt, service),
                Incidents.acknowledged(id, declaredAt, 3),
                new IncidentStatusUpdated(id, StatusPagePhase.IDENTIFIED, "Found it", declaredAt.plusSeconds(240)),
                new RollbackStarted(id, "rb-1", RollbackProcedure.A, List.of(service), "v1", "bad", declaredAt.plusSeconds(300)));
        api.awaitEvents(id, 4);

        ResponseEntity<Map> list = api.get("/api/v1/incidents?service=" + service);
        assertThat(list.getBody().get("total")).isEqualTo(1);
        Map<String, Object> item = ((List<Map<String, Object>>) list.getBody().get("items")).get(0);
        assertThat(item).containsEntry("id", id).containsEntry("severity", "SEV2").containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("escalationLevel", 2).containsEntry("overrun", false);
        Map<String, Map<String, Object>> sla = (Map<String, Map<String, Object>>) item.get("sla");
        assertThat(sla.get("acknowledge")).containsEntry("verdict", "MET");
        assertThat(sla.get("resolve")).containsEntry("verdict", "RUNNING");
        assertThat(((Number) sla.get("resolve").get("secondsLeft")).longValue()).isBetween(4 * 3600L - 660, 4 * 3600L - 590);

        ResponseEntity<Map> detail = api.get("/api/v1/incidents/" + id);
        assertThat(detail.getBody()).containsEntry("incidentId", id).containsEntry("statusPagePhase", "IDENTIFIED");
        assertThat((List<Map<String, Object>>) detail.getBody().get("rollbacks")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "RUNNING"));
        assertThat((List<Map<String, Object>>) detail.getBody().get("rollbackTimings")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("overrun", false));
        // Response phases: triage until the ack (3 min), investigation until the rollback started (5 min), mitigation since.
        assertThat(item).containsEntry("phase", "MITIGATION");
        assertThat(detail.getBody()).containsEntry("phase", "MITIGATION");
        List<Map<String, Object>> phases = (List<Map<String, Object>>) detail.getBody().get("phases");
        assertThat(phases).extracting(p -> p.get("name"), p -> p.get("startedAt"), p -> p.get("endedAt")).containsExactly(
                tuple("TRIAGE", declaredAt.toString(), declaredAt.plusSeconds(180).toString()),
                tuple("INVESTIGATION", declaredAt.plusSeconds(180).toString(), declaredAt.plusSeconds(300).toString()),
                tuple("MITIGATION", declaredAt.plusSeconds(300).toString(), null));
        assertThat(phases).extracting(p -> ((Number) p.get("seconds")).longValue()).startsWith(180L, 120L);
        assertThat(((Number) phases.get(2).get("seconds")).longValue()).as("the current phase counts until now").isBetween(290L, 360L);
        assertThat((Map<String, Object>) detail.getBody().get("communication"))
                .containsEntry("firstUpdateAt", declaredAt.plusSeconds(240).toString())
                .containsEntry("secondsAfterDetection", 240).containsEntry("updates", 1);

        ResponseEntity<Map> timeline = api.get("/api/v1/incidents/" + id + "/timeline");
        List<Map<String, Object>> entries = (List<Map<String, Object>>) timeline.getBody().get("entries");
        assertThat(entries).extracting(e -> e.get("text")).element(1).isEqualTo("alice acknowledged after 3 m 0 s");
        assertThat(entries).extracting(e -> e.get("actor")).containsOnly("bob");
    }

    @Test
    void notesMitigationsAndAnOverranRollbackShowInTheListTheDetailAndTheTimeline() {
        Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30 * 60);
        String id = Incidents.newId();
        String service = "svc-" + id.substring(0, 6);
        feed.publish("bob",
                Incidents.declared(id, Severity.SEV2, declaredAt, service),
                Incidents.acknowledged(id, declaredAt, 2),
                new IncidentNoteAdded(id, "n-1", "connection pool exhausted <since deploy>", "alice", declaredAt.plusSeconds(180)),
                new RollbackStarted(id, "rb-1", RollbackProcedure.A, List.of(service), "v1", "bad", declaredAt.plusSeconds(240)),
                new RollbackStarted(id, "rb-2", RollbackProcedure.C, List.of(service), "v2", "worse", declaredAt.plusSeconds(300)),
                new RollbackOverran(id, "rb-2", RollbackProcedure.C, Duration.ofMinutes(5), declaredAt.plusSeconds(600)),
                new RollbackCompleted(id, "rb-1", declaredAt.plusSeconds(660)),
                new MitigationApplied(id, "m-1", MitigationKind.WORKAROUND, "traffic moved to eu-west", "carol",
                        declaredAt.plusSeconds(900)));
        api.awaitEvents(id, 8);

        Map<String, Object> item = ((List<Map<String, Object>>) api.get("/api/v1/incidents?service=" + service).getBody()
                .get("items")).get(0);
        assertThat(item).containsEntry("status", "MITIGATED").containsEntry("overrun", true);

        Map<String, Object> detail = api.get("/api/v1/incidents/" + id).getBody();
        assertThat(detail).containsEntry("overrun", true);
        assertThat((List<Map<String, Object>>) detail.get("notes")).singleElement().satisfies(note -> assertThat(note)
                .containsEntry("noteId", "n-1").containsEntry("text", "connection pool exhausted <since deploy>")
                .containsEntry("author", "alice").containsEntry("addedAt", declaredAt.plusSeconds(180).toString()));
        assertThat((List<Map<String, Object>>) detail.get("mitigations")).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("kind", "WORKAROUND").containsEntry("description", "traffic moved to eu-west")
                .containsEntry("appliedBy", "carol").containsEntry("appliedAt", declaredAt.plusSeconds(900).toString()));
        assertThat((List<Map<String, Object>>) detail.get("rollbacks")).extracting(r -> r.get("overranAt"))
                .containsExactly(null, declaredAt.plusSeconds(600).toString());
        // rb-1 completed within its 10 min; rb-2 still runs, past its 5 min (and recorded as such).
        assertThat((List<Map<String, Object>>) detail.get("rollbackTimings")).extracting(t -> t.get("overrun"))
                .containsExactly(false, true);

        List<Map<String, Object>> entries = (List<Map<String, Object>>) api.get("/api/v1/incidents/" + id + "/timeline")
                .getBody().get("entries");
        assertThat(entries).filteredOn(e -> Boolean.TRUE.equals(e.get("internal"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("text", "alice noted (internal): connection pool exhausted <since deploy>"));
        assertThat(entries).extracting(e -> e.get("text")).contains(
                "rollback to v2 (procedure C, expected within 5 m 0 s) overran",
                "carol applied a workaround after 15 m 0 s: traffic moved to eu-west");
    }

    @Test
    void anIncidentDetectedBeforeItsDeclarationSaysWhenAndItsClocksRunFromThere() {
        Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        Instant detectedAt = declaredAt.minusSeconds(600);
        String id = Incidents.newId();
        String service = "svc-" + id.substring(0, 6);
        feed.publish("bob", Incidents.detected(id, Severity.SEV2, declaredAt, detectedAt, service));
        api.awaitEvents(id, 1);

        Map<String, Object> item = ((List<Map<String, Object>>) api.get("/api/v1/incidents?service=" + service).getBody()
                .get("items")).get(0);
        assertThat(item).containsEntry("declaredAt", declaredAt.toString()).containsEntry("detectedAt", detectedAt.toString())
                .containsEntry("detectedAtAsGiven", null);
        // SEV2: 15 min to acknowledge from detection, 10 min before the declaration: due 5 min after it, 3 min from now.
        Map<String, Map<String, Object>> sla = (Map<String, Map<String, Object>>) item.get("sla");
        assertThat(sla.get("acknowledge")).containsEntry("deadline", declaredAt.plusSeconds(300).toString())
                .containsEntry("verdict", "RUNNING");
        assertThat(((Number) sla.get("acknowledge").get("secondsLeft")).longValue()).isBetween(120L, 180L);
        assertThat(sla.get("resolve")).containsEntry("deadline", detectedAt.plusSeconds(4 * 3600).toString());

        Map<String, Object> detail = api.get("/api/v1/incidents/" + id).getBody();
        assertThat(detail).containsEntry("declaredAt", declaredAt.toString()).containsEntry("detectedAt", detectedAt.toString())
                .containsEntry("detectedAtAsGiven", null);
        assertThat(((Map<String, Map<String, Object>>) detail.get("sla")).get("acknowledge"))
                .containsEntry("deadline", declaredAt.plusSeconds(300).toString());

        List<Map<String, Object>> entries = (List<Map<String, Object>>) api.get("/api/v1/incidents/" + id + "/timeline").getBody()
                .get("entries");
        assertThat((String) entries.get(0).get("text")).endsWith("; detected 10 m 0 s before declaration at " + detectedAt);
    }

    @Test
    void aDetectionTimeGivenTooEarlyIsShownClampedWithTheTimeGiven() {
        Instant declaredAt = Instant.parse("2026-04-02T12:00:00Z");
        Instant given = declaredAt.minus(Duration.ofHours(30));
        String id = Incidents.newId();
        feed.publish("bob", Incidents.detected(id, Severity.SEV4, declaredAt, given, "docs"),
                Incidents.acknowledged(id, declaredAt, 20));
        api.awaitEvents(id, 2);

        Map<String, Object> detail = api.get("/api/v1/incidents/" + id).getBody();

        assertThat(detail).containsEntry("detectedAt", declaredAt.minus(Duration.ofHours(24)).toString())
                .containsEntry("detectedAtAsGiven", given.toString());
        assertThat(((Map<String, Map<String, Object>>) detail.get("sla")).get("acknowledge")).containsEntry("verdict", "BREACHED")
                .containsEntry("deadline", declaredAt.minus(Duration.ofHours(23)).toString());
        Map<String, Map<String, Object>> postMortem = api.get("/api/v1/incidents/" + id + "/postmortem").getBody();
        assertThat(postMortem.get("impact")).containsEntry("detectedAtAsGiven", given.toString());
        assertThat((Map<String, Object>) postMortem.get("metrics").get("timeToAcknowledge"))
                .containsEntry("seconds", 24 * 3600 + 20 * 60).containsEntry("targetSeconds", 3600);
    }

    @Test
    void asOfShowsTheIncidentAsItStoodThen() {
        Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        String id = Incidents.newId();
        feed.publish("bob", Incidents.declared(id, Severity.SEV3, declaredAt, "search"),
                Incidents.acknowledged(id, declaredAt, 10), Incidents.resolved(id, declaredAt, 40));
        api.awaitEvents(id, 3);

        ResponseEntity<Map> then = api.get("/api/v1/incidents/" + id + "/timeline?asOf=" + declaredAt.plusSeconds(15 * 60));

        assertThat((List<?>) then.getBody().get("entries")).hasSize(2);
        assertThat((Map<String, Object>) then.getBody().get("incident")).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("resolvedAt", null);
    }

    @Test
    void listFiltersAndPages() {
        // April 2026: a period the other tests of this context leave alone (SlaPageIntegrationTest reports on January).
        Instant declaredAt = Instant.parse("2026-04-10T10:00:00Z");
        String service = "pager-" + Incidents.newId().substring(0, 6);
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = Incidents.newId();
            feed.publish("bob", Incidents.declared(ids[i], i == 0 ? Severity.SEV1 : Severity.SEV4,
                    declaredAt.plusSeconds(i * 60L), service));
        }
        feed.publish("bob", Incidents.resolved(ids[2], declaredAt.plusSeconds(120), 1));
        api.awaitEvents(ids[2], 2);

        ResponseEntity<Map> page0 = api.get("/api/v1/incidents?service=" + service + "&size=2&page=0");
        assertThat((List<Map<String, Object>>) page0.getBody().get("items")).extracting(i -> i.get("id"))
                .containsExactly(ids[2], ids[1]);
        assertThat(page0.getBody().get("total")).isEqualTo(3);
        ResponseEntity<Map> page1 = api.get("/api/v1/incidents?service=" + service + "&size=2&page=1");
        assertThat((List<Map<String, Object>>) page1.getBody().get("items")).extracting(i -> i.get("id")).containsExactly(ids[0]);

        assertThat(ids("/api/v1/incidents?service=" + service + "&severity=SEV1")).containsExactly(ids[0]);
        assertThat(ids("/api/v1/incidents?service=" + service + "&status=RESOLVED")).containsExactly(ids[2]);
        assertThat(ids("/api/v1/incidents?service=" + service + "&declaredFrom=2026-04-10T10:01:00Z&declaredTo=2026-04-10T10:02:00Z"))
                .containsExactly(ids[1]);
    }

    @Test
    void thePostMortemComesAsMarkdownOrJson() {
        Instant declaredAt = Instant.parse("2026-04-01T12:00:00Z");
        String id = Incidents.newId();
        feed.publish("bob", Incidents.declared(id, Severity.SEV2, declaredAt, "billing"),
                Incidents.acknowledged(id, declaredAt, 20), Incidents.resolved(id, declaredAt, 100));
        api.awaitEvents(id, 3);

        ResponseEntity<String> markdown = api.getText("/api/v1/incidents/" + id + "/postmortem", "text/markdown");
        ResponseEntity<String> json = api.getText("/api/v1/incidents/" + id + "/postmortem", "application/json");

        assertThat(markdown.getHeaders().getContentType().toString()).startsWith("text/markdown");
        assertThat(markdown.getBody()).contains("| Time to acknowledge (TTA) | 20 m 0 s | 15 m 0 s | **breached** |");
        assertThat(markdown.getBody()).contains("## Response phases",
                "| detection and triage | 2026-04-01 12:00:00 | 2026-04-01 12:20:00 | 20 m 0 s |",
                "| investigation | 2026-04-01 12:20:00 | 2026-04-01 13:40:00 | 1 h 20 m |",
                "| post-incident | 2026-04-01 13:40:00 | ongoing (at the last event) |",
                "Communication (concurrent): no status update was posted.");
        assertThat(json.getHeaders().getContentType().toString()).startsWith("application/json");
        assertThat(json.getBody()).contains("\"incidentId\" : \"" + id + "\"", "\"verdict\" : \"BREACHED\"",
                "\"name\" : \"INVESTIGATION\"", "\"seconds\" : 4800");
        assertThat(api.getText("/api/v1/incidents/" + id + "/postmortem", "text/markdown").getBody()).isEqualTo(markdown.getBody());
    }

    @Test
    void anOverdueAcknowledgementCountsAsABreachInTheMetrics() {
        double before = meterRegistry.get("timeline.sla.breaches").tag("severity", "SEV1").gauge().value();
        double appliedBefore = meterRegistry.get("timeline.events.applied").counter().count();
        String id = Incidents.newId();
        feed.publish("bob", Incidents.declared(id, Severity.SEV1, Instant.now().minusSeconds(20 * 60), "db"));
        api.awaitEvents(id, 1);

        assertThat(meterRegistry.get("timeline.sla.breaches").tag("severity", "SEV1").gauge().value()).isEqualTo(before + 1);
        assertThat(meterRegistry.get("timeline.events.applied").counter().count()).isGreaterThan(appliedBefore);
        Map<String, Map<String, Object>> sla = (Map<String, Map<String, Object>>) api.get("/api/v1/incidents/" + id).getBody().get("sla");
        assertThat(sla.get("acknowledge")).containsEntry("verdict", "BREACHED");
    }

    @Test
    void aDrillWithABreachedClockIsNotCountedInTheBreachMetric() {
        double before = meterRegistry.get("timeline.sla.breaches").tag("severity", "SEV1").gauge().value();
        String drill = Incidents.newId();
        String real = Incidents.newId();
        Instant declaredAt = Instant.now().minusSeconds(20 * 60);
        feed.publish("bob", new IncidentDeclared(drill, "Game day: db down", null, Severity.SEV1, List.of("db"),
                IncidentSource.manual(), declaredAt, null, null, null, true), Incidents.declared(real, Severity.SEV1, declaredAt, "db"));
        api.awaitEvents(drill, 1);
        api.awaitEvents(real, 1);

        assertThat(meterRegistry.get("timeline.sla.breaches").tag("severity", "SEV1").gauge().value()).as("the real one only")
                .isEqualTo(before + 1);
        assertThat(((Map<String, Map<String, Object>>) api.get("/api/v1/incidents/" + drill).getBody().get("sla"))
                .get("acknowledge")).as("its own clock runs as for any incident").containsEntry("verdict", "BREACHED");
    }

    @Test
    void theDetailCarriesTheTypeChecklistsActionItemsAndThePostMortemFollowUpAndTheTimelineSaysThem() {
        Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2 * 3600);
        Instant resolvedAt = declaredAt.plusSeconds(3600);
        LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC);
        String id = Incidents.newId();
        String rb1 = ChecklistItemTicked.rollbackChecklist("rb-1");
        List<IncidentEvent> events = new ArrayList<>(List.of(
                Incidents.declared(id, Severity.SEV2, declaredAt, "checkout"),
                new IncidentTypeSet(id, "service-outage", "Service outage", List.of(new ChecklistItem("health", "Check health")),
                        true, declaredAt.plusSeconds(1)),
                new IncidentTypeSet(id, "database-connections", "Database connection issues",
                        List.of(new ChecklistItem("pool-metrics", "Check the pool"), new ChecklistItem("db-sessions", "List sessions")),
                        false, declaredAt.plusSeconds(60)),
                new ChecklistItemTicked(id, "runbook", "pool-metrics", true, "alice", declaredAt.plusSeconds(120)),
                new RoleAssigned(id, IncidentRole.INCIDENT_COMMANDER, "carol", declaredAt.plusSeconds(130)),
                new IncidentStatusUpdated(id, StatusPagePhase.IDENTIFIED, "Payments are failing", declaredAt.plusSeconds(140),
                        "Payments delayed", List.of("Payments")),
                new RollbackStarted(id, "rb-1", RollbackProcedure.A, List.of("checkout"), "v1.2.3", "bad", declaredAt.plusSeconds(300)),
                new RollbackStarted(id, "rb-2", RollbackProcedure.C, List.of("checkout"), "v1.2.2", "worse", declaredAt.plusSeconds(900)),
                new ChecklistItemTicked(id, ChecklistItemTicked.rollbackChecklist("rb-2"), "verify-health", true, "bob",
                        declaredAt.plusSeconds(950))));
        for (ChecklistItem item : RollbackChecklists.VERIFY) {
            events.add(new ChecklistItemTicked(id, rb1, item.id(), true, "bob", declaredAt.plusSeconds(1000)));
        }
        events.addAll(List.of(
                Incidents.resolved(id, declaredAt, 60),
                new PostMortemActionItemAdded(id, "ai-late", "Alert on the pool", "erin", today.minusDays(1), resolvedAt.plusSeconds(60)),
                new PostMortemActionItemAdded(id, "ai-done", "Raise the pool", "frank", today.minusDays(1), resolvedAt.plusSeconds(70)),
                new PostMortemActionItemAdded(id, "ai-later", "Load-test", "gina", today.plusDays(1), resolvedAt.plusSeconds(80)),
                new ActionItemUpdated(id, "ai-done", "frank", today.minusDays(1), ActionItemStatus.DONE, "frank",
                        resolvedAt.plusSeconds(90)),
                new PostMortemSectionWritten(id, PostMortemSection.WENT_WELL, "Quick rollback", "dana", resolvedAt.plusSeconds(100))));
        feed.publish("bob", events.toArray(IncidentEvent[]::new));
        api.awaitEvents(id, events.size());

        Map<String, Object> detail = api.get("/api/v1/incidents/" + id).getBody();

        assertThat(detail).containsEntry("type", "database-connections").containsEntry("runbookTitle", "Database connection issues")
                .containsEntry("typeSuggested", false).containsEntry("drill", false);
        Map<String, Object> checklists = (Map<String, Object>) detail.get("checklists");
        assertThat((List<Map<String, Object>>) checklists.get("runbook")).extracting(i -> i.get("id") + ":" + i.get("done")
                + ":" + i.get("by")).containsExactly("pool-metrics:true:alice", "db-sessions:false:null");
        List<Map<String, Object>> rollbacks = (List<Map<String, Object>>) checklists.get("rollbacks");
        assertThat(rollbacks).extracting(r -> r.get("rollbackId") + ":" + r.get("verified")).containsExactly("rb-1:true", "rb-2:false");
        assertThat((List<String>) rollbacks.get(1).get("missing")).hasSize(4).doesNotContain("Every service up and its health"
                + " checks passing");
        assertThat((List<Map<String, Object>>) rollbacks.get(1).get("steps")).extracting(i -> i.get("id"))
                .containsExactly("step-identify", "step-rollback", "step-verify");
        assertThat((List<Map<String, Object>>) detail.get("actionItems")).extracting(a -> a.get("actionItemId") + ":"
                + a.get("status") + ":" + a.get("overdue")).as("open past its due date, judged now")
                .containsExactly("ai-late:OPEN:true", "ai-done:DONE:false", "ai-later:OPEN:false");
        Map<String, Object> postMortem = (Map<String, Object>) detail.get("postMortem");
        assertThat(postMortem).containsEntry("dueAt", resolvedAt.plus(Duration.ofHours(48)).toString())
                .containsEntry("owner", "carol").containsEntry("scheduled", false).containsEntry("completed", false)
                .containsEntry("overdue", false);
        assertThat((List<Map<String, Object>>) postMortem.get("sections")).singleElement()
                .satisfies(section -> assertThat(section).containsEntry("section", "WENT_WELL").containsEntry("text", "Quick rollback"));

        List<Object> texts = ((List<Map<String, Object>>) api.get("/api/v1/incidents/" + id + "/timeline").getBody().get("entries"))
                .stream().map(e -> e.get("text")).toList();
        assertThat(texts).contains("type service-outage suggested by the alert (runbook \"Service outage\", 1 step)",
                "bob changed the type from service-outage to database-connections (runbook \"Database connection issues\", 2 steps)",
                "alice ticked \"Check the pool\" on the runbook",
                "bob posted status Identified: Payments are failing; public title \"Payments delayed\"; components: Payments",
                "bob ticked \"Watched for 15 minutes\" (verification) of the rollback to v1.2.3; the rollback is verified",
                "frank updated action item \"Raise the pool\": status open → done",
                "dana wrote the post-mortem's \"What went well\": Quick rollback");

        Map<String, Object> document = api.get("/api/v1/incidents/" + id + "/postmortem").getBody();
        assertThat((List<Map<String, Object>>) document.get("rollbacks")).extracting(r -> r.get("verified")).containsExactly(true, false);
        assertThat(document).containsEntry("whatWentWell", "Quick rollback");
    }

    @Test
    void openAndOverdueActionItemsAreListedAcrossIncidents() {
        LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC);
        Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3 * 3600);
        String first = Incidents.newId();
        String second = Incidents.newId();
        feed.publish("bob",
                Incidents.declared(first, Severity.SEV3, declaredAt, "search"), Incidents.resolved(first, declaredAt, 30),
                new PostMortemActionItemAdded(first, "ai-late", "Add a search alert", "erin", today.minusDays(2),
                        declaredAt.plusSeconds(3600)),
                new PostMortemActionItemAdded(first, "ai-done", "Reindex", "frank", today.minusDays(3), declaredAt.plusSeconds(3700)),
                new ActionItemUpdated(first, "ai-done", "frank", today.minusDays(3), ActionItemStatus.DONE, "frank",
                        declaredAt.plusSeconds(3800)),
                new PostMortemActionItemAdded(first, "ai-wont", "Rewrite search", "gina", today.minusDays(3), declaredAt.plusSeconds(3900)),
                new ActionItemUpdated(first, "ai-wont", "gina", today.minusDays(3), ActionItemStatus.WONT_DO, "gina",
                        declaredAt.plusSeconds(4000)),
                new IncidentDeclared(second, "Game day", null, Severity.SEV4, List.of("docs"), IncidentSource.manual(), declaredAt,
                        null, null, null, true),
                new PostMortemActionItemAdded(second, "ai-today", "Practise again", "hana", today, declaredAt.plusSeconds(3600)),
                new PostMortemActionItemAdded(second, "ai-moved", "Write the runbook", "ivan", today.minusDays(1),
                        declaredAt.plusSeconds(3700)),
                new ActionItemUpdated(second, "ai-moved", "ivan", today.plusDays(7), ActionItemStatus.OPEN, "ivan",
                        declaredAt.plusSeconds(3800)));
        api.awaitEvents(first, 7);
        api.awaitEvents(second, 4);

        List<Map<String, Object>> overdue = (List<Map<String, Object>>) api.get("/api/v1/action-items?overdue=true&limit=1000")
                .getBody().get("items");
        List<Map<String, Object>> open = (List<Map<String, Object>>) api.get("/api/v1/action-items?limit=1000").getBody().get("items");

        assertThat(overdue).filteredOn(item -> List.of(first, second).contains(item.get("incidentId")))
                .extracting(item -> item.get("actionItemId")).as("open past the end of its due date only").containsExactly("ai-late");
        assertThat(overdue).filteredOn(item -> first.equals(item.get("incidentId"))).singleElement().satisfies(item ->
                assertThat(item).containsEntry("incidentId", first).containsEntry("owner", "erin").containsEntry("status", "OPEN")
                        .containsEntry("overdue", true).containsEntry("dueDate", today.minusDays(2).toString())
                        .containsEntry("link", "/api/v1/incidents/" + first));
        assertThat(open).filteredOn(item -> List.of(first, second).contains(item.get("incidentId")))
                .extracting(item -> item.get("actionItemId") + ":" + item.get("overdue") + ":" + item.get("drill"))
                .as("every open one, the earliest due first").containsExactly("ai-late:true:false", "ai-today:false:true",
                        "ai-moved:false:true");
        assertThat(overdue).extracting(item -> item.get("dueDate").toString()).isSortedAccordingTo(String::compareTo);
        assertProblem(api.get("/api/v1/action-items?limit=0"), 400);
        assertProblem(api.get("/api/v1/action-items?overdue=maybe"), 400);
    }

    @Test
    void badParametersAre400UnknownIds404AndNoLogin401() {
        assertProblem(api.get("/api/v1/incidents?size=501"), 400);
        assertProblem(api.get("/api/v1/incidents?page=-1"), 400);
        assertProblem(api.get("/api/v1/incidents?severity=SEV9"), 400);
        assertProblem(api.get("/api/v1/incidents?status=SLEEPING"), 400);
        assertProblem(api.get("/api/v1/incidents?declaredFrom=yesterday"), 400);
        assertProblem(api.get("/api/v1/incidents?declaredFrom=2026-02-01T00:00:00Z&declaredTo=2026-01-01T00:00:00Z"), 400);
        assertProblem(api.get("/api/v1/incidents/" + Incidents.newId()), 404);
        assertProblem(api.get("/api/v1/incidents/" + Incidents.newId() + "/timeline"), 404);
        assertProblem(api.get("/api/v1/incidents/" + Incidents.newId() + "/postmortem"), 404);
        assertProblem(api.get("/api/v1/incidents/bad$id"), 400);
        assertProblem(api.get("/api/v1/incidents/x/timeline?asOf=noon"), 400);
        assertThat(rest.getForEntity("/api/v1/incidents", String.class).getStatusCode().value()).isEqualTo(401);
    }

    private List<Object> ids(String path) {
        return ((List<Map<String, Object>>) api.get(path).getBody().get("items")).stream().map(i -> i.get("id")).toList();
    }

    private static void assertProblem(ResponseEntity<?> response, int status) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }
}
