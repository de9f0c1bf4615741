package io.incidents.timelineservice.sla;

import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentSource;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.ReadApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked examples 1, 2, 4 and 5 of SPEC section 4, declared on one day, and incidents detected
 * before their declaration (case 9 among them) on another, reported over HTTP.
 */
@IntegrationTest
class SlaApiIntegrationTest {

    private static final Instant DAY = Instant.parse("2026-05-04T00:00:00Z");
    private static final String PERIOD = "from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z";
    private static final EventFeed feed = new EventFeed(Incidents.TOPIC);
    private static final String CASE1 = Incidents.newId();
    private static final String CASE2 = Incidents.newId();
    private static final String CASE4 = Incidents.newId();
    private static final String CASE5 = Incidents.newId();
    private static final Instant DETECTION_DAY = Instant.parse("2026-05-06T00:00:00Z");
    private static final String DETECTION_PERIOD = "from=2026-05-06T00:00:00Z&to=2026-05-07T00:00:00Z";
    /** SPEC 4 case 9: SEV2 detected 10 min before its declaration; ack 3, resolve 100 after it. */
    private static final String CASE9 = Incidents.newId();
    /** SEV2 detected 20 min before its declaration, acknowledged 10 after it: 30 from detection, a breach. */
    private static final String LATE_FROM_DETECTION = Incidents.newId();
    /** A drill on the first day: SEV2 raised to SEV1, never acknowledged, resolved late; in no report. */
    private static final String DRILL = Incidents.newId();
    private static boolean published;

    @Autowired
    TestRestTemplate rest;
    ReadApi api;

    @BeforeEach
    void publishOnce() {
        api = new ReadApi(rest);
        if (published) {
            return;
        }
        Instant t1 = DAY.plusSeconds(3600);
        Instant t2 = DAY.plusSeconds(2 * 3600);
        Instant t4 = DAY.plusSeconds(3 * 3600);
        Instant t5 = DAY.plusSeconds(4 * 3600);
        List<IncidentEvent> events = List.of(
                Incidents.declared(CASE1, Severity.SEV2, t1, "chat"), Incidents.acknowledged(CASE1, t1, 10),
                Incidents.resolved(CASE1, t1, 200),
                Incidents.declared(CASE2, Severity.SEV3, t2, "analytics"),
                new SeverityChanged(CASE2, Severity.SEV3, Severity.SEV1, "all dashboards", t2.plusSeconds(120 * 60)),
                Incidents.acknowledged(CASE2, t2, 125), Incidents.resolved(CASE2, t2, 200),
                Incidents.declared(CASE4, Severity.SEV4, t4, "admin-ui"), Incidents.resolved(CASE4, t4, 30),
                Incidents.declared(CASE5, Severity.SEV2, t5, "chat"), Incidents.resolved(CASE5, t5, 20));
        feed.publish("bob", events.toArray(IncidentEvent[]::new));
        Instant tDrill = DAY.plusSeconds(5 * 3600);
        feed.publish("bob", new IncidentDeclared(DRILL, "Game day: chat down", "a simulation", Severity.SEV2,
                        List.of("chat", "drill-only"), IncidentSource.manual(), tDrill, null, null, null, true),
                new SeverityChanged(DRILL, Severity.SEV2, Severity.SEV1, "the scenario says so", tDrill.plusSeconds(600)),
                Incidents.resolved(DRILL, tDrill, 300));
        Instant t9 = DETECTION_DAY.plusSeconds(3600);
        Instant tLate = DETECTION_DAY.plusSeconds(2 * 3600);
        feed.publish("bob",
                Incidents.detected(CASE9, Severity.SEV2, t9, t9.minusSeconds(10 * 60), "billing"),
                Incidents.acknowledged(CASE9, t9, 3), Incidents.resolved(CASE9, t9, 100),
                Incidents.detected(LATE_FROM_DETECTION, Severity.SEV2, tLate, tLate.minusSeconds(20 * 60), "billing"),
                Incidents.acknowledged(LATE_FROM_DETECTION, tLate, 10), Incidents.resolved(LATE_FROM_DETECTION, tLate, 60));
        api.awaitEvents(CASE5, 2);
        api.awaitEvents(CASE2, 4);
        api.awaitEvents(CASE9, 3);
        api.awaitEvents(LATE_FROM_DETECTION, 3);
        api.awaitEvents(DRILL, 3);
        published = true;
    }

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Test
    void adherenceAndTimesPerSeverityAtDeclaration() {
        Map<String, Object> report = api.get("/api/v1/sla?" + PERIOD).getBody();

        Map<String, Object> sev2 = group(report, "groups", "SEV2");
        assertThat(sev2).containsEntry("count", 2);
        assertThat((Map<String, Object>) sev2.get("acknowledge")).containsEntry("judged", 2).containsEntry("met", 1)
                .containsEntry("percent", 50.0);
        assertThat((Map<String, Object>) sev2.get("resolve")).containsEntry("met", 2).containsEntry("percent", 100.0);
        assertThat((Map<String, Object>) sev2.get("tta")).containsEntry("count", 1).containsEntry("p50Seconds", 600);
        assertThat((List<Map<String, Object>>) sev2.get("breaches")).singleElement().satisfies(breach -> {
            assertThat(breach).containsEntry("incidentId", CASE5).containsEntry("clock", "acknowledge")
                    .containsEntry("link", "/api/v1/incidents/" + CASE5);
        });

        Map<String, Object> sev3 = group(report, "groups", "SEV3");
        assertThat((Map<String, Object>) sev3.get("acknowledge")).containsEntry("breached", 1);
        assertThat((Map<String, Object>) sev3.get("resolve")).containsEntry("breached", 1);
        assertThat(group(report, "byHighestSeverity", "SEV1")).containsEntry("count", 1);
        assertThat(group(report, "groups", "SEV4")).satisfies(sev4 ->
                assertThat((Map<String, Object>) sev4.get("acknowledge")).containsEntry("met", 1));
        assertThat((Map<String, Object>) report.get("targets")).containsKey("SEV1");
    }

    @Test
    void clocksAndTimesRunFromDetectionWhileThePeriodSelectsByDeclaration() {
        Map<String, Object> report = api.get("/api/v1/sla?" + DETECTION_PERIOD).getBody();

        Map<String, Object> sev2 = group(report, "groups", "SEV2");
        assertThat(sev2).containsEntry("count", 2);
        // Case 9 met (13 from detection, deadline 5 after declaration); the other breached (30 from detection, due 5 before it).
        assertThat((Map<String, Object>) sev2.get("acknowledge")).containsEntry("met", 1).containsEntry("breached", 1);
        assertThat((Map<String, Object>) sev2.get("resolve")).containsEntry("met", 2);
        assertThat((Map<String, Object>) sev2.get("tta")).containsEntry("count", 2).containsEntry("p50Seconds", 13 * 60)
                .containsEntry("maxSeconds", 30 * 60);
        assertThat((Map<String, Object>) sev2.get("ttr")).containsEntry("p50Seconds", 80 * 60)
                .containsEntry("maxSeconds", 110 * 60);
        assertThat((List<Map<String, Object>>) sev2.get("breaches")).singleElement().satisfies(breach ->
                assertThat(breach).containsEntry("incidentId", LATE_FROM_DETECTION).containsEntry("clock", "acknowledge")
                        .containsEntry("deadline", DETECTION_DAY.plusSeconds(2 * 3600 - 5 * 60).toString()));

        // A what-if runs its targets from detection too: 12 min to acknowledge breaches case 9 (13 from detection).
        Map<String, Object> whatIf = api.post("/api/v1/sla/what-if", Map.of(
                "from", "2026-05-06T00:00:00Z", "to", "2026-05-07T00:00:00Z",
                "targets", Map.of("SEV2", Map.of("acknowledgeWithin", "PT12M")))).getBody();
        assertThat((Map<String, Object>) group(whatIf, "groups", "SEV2").get("acknowledge"))
                .containsEntry("met", 0).containsEntry("breached", 2);
    }

    @Test
    void groupedByService() {
        Map<String, Object> report = api.get("/api/v1/sla?groupBy=service&" + PERIOD).getBody();

        assertThat((List<Map<String, Object>>) report.get("groups")).extracting(g -> g.get("key"))
                .containsExactly("admin-ui", "analytics", "chat");
        assertThat(group(report, "groups", "chat")).containsEntry("count", 2);
    }

    @Test
    void whatIfRecomputesThePeriodUnderOtherTargetsAndChangesNothingStored() {
        Map<String, Object> before = api.get("/api/v1/sla?" + PERIOD).getBody();

        ResponseEntity<Map> whatIf = api.post("/api/v1/sla/what-if", Map.of(
                "from", "2026-05-04T00:00:00Z", "to", "2026-05-05T00:00:00Z",
                "targets", Map.of("SEV2", Map.of("acknowledgeWithin", "PT5M"))));

        assertThat(whatIf.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> sev2 = group(whatIf.getBody(), "groups", "SEV2");
        assertThat((Map<String, Object>) sev2.get("acknowledge")).containsEntry("met", 0).containsEntry("breached", 2);
        assertThat((Map<String, Object>) sev2.get("resolve")).containsEntry("met", 2);
        assertThat(api.get("/api/v1/sla?" + PERIOD).getBody()).isEqualTo(before);
    }

    @Test
    void aGroupsBreachesComeAPageAtATimeInTheReportsOrder() {
        // SEV3 by declaration: case 2's acknowledge and resolve clocks, both breached.
        Map<String, Object> first = api.get("/api/v1/sla/breaches?view=declared&key=SEV3&limit=1&" + PERIOD).getBody();
        assertThat((List<Map<String, Object>>) first.get("items")).singleElement().satisfies(breach ->
                assertThat(breach).containsEntry("incidentId", CASE2).containsEntry("clock", "acknowledge"));
        assertThat(first.get("next")).isInstanceOf(String.class);

        Map<String, Object> second = api.get("/api/v1/sla/breaches?view=declared&key=SEV3&limit=1&after=" + first.get("next")
                + "&" + PERIOD).getBody();
        assertThat((List<Map<String, Object>>) second.get("items")).singleElement().satisfies(breach ->
                assertThat(breach).containsEntry("incidentId", CASE2).containsEntry("clock", "resolve"));
        assertThat(second.get("next")).isNull();

        Map<String, Object> chat = api.get("/api/v1/sla/breaches?view=service&key=chat&" + PERIOD).getBody();
        assertThat((List<Map<String, Object>>) chat.get("items")).extracting(breach -> breach.get("incidentId")).containsExactly(CASE5);
    }

    @Test
    void aDrillIsInNoReportBreachListOrWhatIfButListedAndMarkedAsADrill() {
        Map<String, Object> bySeverity = api.get("/api/v1/sla?" + PERIOD).getBody();
        Map<String, Object> byService = api.get("/api/v1/sla?groupBy=service&" + PERIOD).getBody();
        Map<String, Object> whatIf = api.post("/api/v1/sla/what-if", Map.of("from", "2026-05-04T00:00:00Z",
                "to", "2026-05-05T00:00:00Z", "targets", Map.of("SEV1", Map.of("acknowledgeWithin", "PT1S"),
                        "SEV2", Map.of("acknowledgeWithin", "PT1S", "resolveWithin", "PT1S")))).getBody();

        assertThat(group(bySeverity, "groups", "SEV2")).containsEntry("count", 2);
        assertThat(group(bySeverity, "byHighestSeverity", "SEV1")).as("case 2 only, not the raised drill").containsEntry("count", 1);
        assertThat((List<Map<String, Object>>) byService.get("groups")).extracting(g -> g.get("key"))
                .containsExactly("admin-ui", "analytics", "chat");
        assertThat(group(byService, "groups", "chat")).containsEntry("count", 2);
        assertThat(group(whatIf, "groups", "SEV2")).containsEntry("count", 2);
        for (Map<String, Object> report : List.of(bySeverity, byService, whatIf)) {
            assertThat(report.toString()).doesNotContain(DRILL).doesNotContain("Game day");
        }
        for (String page : List.of("view=declared&key=SEV2", "view=highest&key=SEV1", "view=service&key=chat",
                "view=service&key=drill-only")) {
            assertThat((List<Map<String, Object>>) api.get("/api/v1/sla/breaches?" + page + "&" + PERIOD).getBody().get("items"))
                    .as(page).extracting(breach -> breach.get("incidentId")).doesNotContain(DRILL);
        }
        assertThat((List<Map<String, Object>>) api.get("/api/v1/sla/breaches?view=service&key=drill-only&" + PERIOD)
                .getBody().get("items")).isEmpty();

        Map<String, Object> listed = ((List<Map<String, Object>>) api.get("/api/v1/incidents?service=drill-only").getBody()
                .get("items")).get(0);
        assertThat(listed).containsEntry("id", DRILL).containsEntry("drill", true);
        assertThat(api.get("/api/v1/incidents/" + DRILL).getBody()).containsEntry("drill", true);
        assertThat(api.get("/api/v1/incidents/" + CASE5).getBody()).containsEntry("drill", false);
        assertThat((List<Map<String, Object>>) api.get("/api/v1/incidents/" + DRILL + "/timeline").getBody().get("entries"))
                .first().satisfies(entry -> assertThat((String) entry.get("text")).startsWith("DRILL: "));
    }

    @Test
    void badBreachPageRequestsAre400() {
        assertThat(api.get("/api/v1/sla/breaches?view=team&key=SEV1").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/api/v1/sla/breaches?view=declared&key=chat").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/api/v1/sla/breaches?key=SEV1&limit=0").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/api/v1/sla/breaches?key=SEV1&limit=1001").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/api/v1/sla/breaches?key=SEV1&after=not-a-cursor").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/api/v1/sla/breaches?view=declared").getStatusCode().value()).as("no key").isEqualTo(400);
    }

    @Test
    void badReportRequestsAre400() {
        assertThat(api.get("/api/v1/sla?groupBy=team").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/api/v1/sla?from=2026-05-05T00:00:00Z&to=2026-05-04T00:00:00Z").getStatusCode().value()).isEqualTo(400);
        assertThat(api.get("/api/v1/sla?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z").getStatusCode().value()).isEqualTo(400);
        assertThat(api.post("/api/v1/sla/what-if", Map.of("from", "2026-05-04T00:00:00Z", "to", "2026-05-05T00:00:00Z",
                "targets", Map.of("SEV2", Map.of("acknowledgeWithin", "-PT5M")))).getStatusCode().value()).isEqualTo(400);
        assertThat(api.post("/api/v1/sla/what-if", Map.of("from", "2026-05-04T00:00:00Z", "to", "2026-05-05T00:00:00Z",
                "targets", Map.of("SEV9", Map.of()))).getStatusCode().value()).isEqualTo(400);
        // A target past any instant would overflow the deadline: refused, not a 500.
        assertThat(api.post("/api/v1/sla/what-if", Map.of("from", "2026-05-04T00:00:00Z", "to", "2026-05-05T00:00:00Z",
                "targets", Map.of("SEV2", Map.of("resolveWithin", "PT9000000000000H")))).getStatusCode().value()).isEqualTo(400);
        assertThat(api.post("/api/v1/sla/what-if", Map.of("targets", Map.of("SEV2", Map.of()))).getStatusCode().value())
                .isEqualTo(400);
    }

    private static Map<String, Object> group(Map<String, Object> report, String view, String key) {
        return ((List<Map<String, Object>>) report.get(view)).stream()
                .filter(g -> key.equals(g.get("key"))).findFirst().orElseThrow();
    }
}
