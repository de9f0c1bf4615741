package io.incidents.incidentservice.importing;

import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/admin/imports} against real PostgreSQL and Kafka. */
@IntegrationTest
class ImportIntegrationTest {

    private static final String IMPORTS = "/api/v1/admin/imports";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    private final Instant t0 = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private String at(long minutes) {
        return t0.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    /** A SEV2 nobody acknowledged for 15 minutes, rolled back, resolved, with a post-mortem action item. */
    private Map<String, Object> sev2(String externalId) {
        return Map.of("externalId", externalId, "title", "Checkout failing", "description", "HTTP 500 on /pay",
                "severity", "SEV2", "services", List.of("checkout"), "declaredAt", at(0), "declaredBy", "dana",
                "steps", List.of(
                        Map.of("type", "ACK_OVERDUE", "at", at(15)),
                        Map.of("type", "ACKNOWLEDGE", "at", at(17), "by", "carol"),
                        Map.of("type", "STATUS", "at", at(20), "by", "carol", "status", "IDENTIFIED",
                                "message", "A faulty deployment was identified."),
                        Map.of("type", "ROLLBACK_START", "at", at(21), "by", "carol", "procedure", "A",
                                "services", List.of("checkout"), "targetVersion", "v1.4.2", "reason", "bad deploy"),
                        Map.of("type", "ROLLBACK_COMPLETE", "at", at(29), "by", "carol"),
                        Map.of("type", "RESOLVE", "at", at(45), "by", "carol", "summary", "Rolled back to v1.4.2",
                                "rootCause", "unreviewed config change"),
                        Map.of("type", "ACTION_ITEM", "at", at(2000), "by", "dana", "text", "Add a canary stage",
                                "owner", "carol", "due", "2026-12-31")));
    }

    private Map<String, Object> sev4(String externalId) {
        return Map.of("externalId", externalId, "title", "Button misaligned", "severity", "SEV4",
                "services", List.of("admin-ui"), "declaredAt", at(100), "declaredBy", "erin",
                "steps", List.of(Map.of("type", "RESOLVE", "at", at(130), "by", "erin", "summary", "CSS fixed")));
    }

    private ResponseEntity<Map> post(TestLogins.Login login, Object body, String correlationId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (correlationId != null) {
            headers.set("X-Correlation-Id", correlationId);
        }
        return login.on(rest).postForEntity(IMPORTS, new HttpEntity<>(body, headers), Map.class);
    }

    private List<String> storedTypes(String incidentId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", String.class, incidentId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    @Test
    void pastIncidentsBecomeTheEventsLiveCommandsMakeWithTheirOwnTimesAndActorsAndAreMarkedImported() {
        String suffix = UUID.randomUUID().toString();
        ResponseEntity<Map> answer = post(TestLogins.ADMIN,
                Map.of("incidents", List.of(sev2("pd-" + suffix), sev4("jira-" + suffix))), "import-" + suffix);

        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody()).containsEntry("imported", 2).containsEntry("alreadyPresent", 0);
        List<Map<String, String>> outcomes = (List<Map<String, String>>) answer.getBody().get("incidents");
        assertThat(outcomes).extracting(o -> o.get("result")).containsExactly("IMPORTED", "IMPORTED");
        String id = outcomes.get(0).get("incidentId");
        assertThat(outcomes.get(0)).containsEntry("externalId", "pd-" + suffix);

        assertThat(storedTypes(id)).containsExactly("IncidentDeclared", "IncidentEscalated", "IncidentAcknowledged",
                "IncidentStatusUpdated", "RollbackStarted", "RollbackCompleted", "IncidentResolved", "PostMortemActionItemAdded");

        List<ConsumerRecord<String, String>> records = TopicReader.read("incident-events", r -> id.equals(r.key()), 8,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(8);
        assertThat(records).extracting(r -> header(r, "ce_imported")).containsOnly("true");
        assertThat(records).extracting(r -> header(r, "ce_correlationid")).containsOnly("import-" + suffix);
        assertThat(records).extracting(r -> header(r, "ce_actor"))
                .containsExactly("dana", "system", "carol", "carol", "carol", "carol", "carol", "dana");
        assertThat(records).extracting(r -> header(r, "ce_time"))
                .containsExactly(at(0), at(15), at(17), at(20), at(21), at(29), at(45), at(2000));
        assertThat(records.get(1).value()).contains("\"level\":3", "\"reason\":\"ACK_OVERDUE\"");

        // A live command is not marked.
        String live = new CommandApi(rest).declare("Live one", "SEV4", "admin-ui");
        assertThat(TopicReader.read("incident-events", r -> live.equals(r.key()), 1, Duration.ofSeconds(30)))
                .singleElement().satisfies(r -> assertThat(header(r, "ce_imported")).isNull());

        assertThat(TestLogins.ADMIN.on(rest).getForEntity("/api/v1/admin/audit?action=INCIDENTS_IMPORTED", Map.class)
                .getBody().get("items").toString()).contains("import import-" + suffix, "2 imported, 0 already present",
                TestLogins.ADMIN.username());
    }

    @Test
    void importingTheSameIncidentsAgainCreatesNothing() {
        String suffix = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("incidents", List.of(sev2("pd-" + suffix), sev4("jira-" + suffix)));
        assertThat(post(TestLogins.ADMIN, body, null).getBody()).containsEntry("imported", 2);
        String id = ImportPlanner.incidentIdFor("pd-" + suffix);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        ResponseEntity<Map> again = post(TestLogins.ADMIN, Map.of("incidents", List.of(sev2("pd-" + suffix),
                sev4("jira-" + suffix), sev4("new-" + suffix))), null);

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).containsEntry("imported", 1).containsEntry("alreadyPresent", 2);
        assertThat((List<Map<String, String>>) again.getBody().get("incidents")).extracting(o -> o.get("result"))
                .containsExactly("ALREADY_PRESENT", "ALREADY_PRESENT", "IMPORTED");
        assertThat(storedTypes(id)).hasSize(8);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events + 2);
    }

    @Test
    void oneBadIncidentRefusesTheWholeRequestNamingItsIncidentAndStep() {
        String suffix = UUID.randomUUID().toString();
        Map<String, Object> future = Map.of("externalId", "future-" + suffix, "title", "Not yet", "severity", "SEV3",
                "services", List.of("search"), "declaredAt", at(0), "declaredBy", "erin",
                "steps", List.of(Map.of("type", "ACKNOWLEDGE", "at", at(5), "by", "erin"),
                        Map.of("type", "RESOLVE", "at", Instant.now().plus(1, ChronoUnit.HOURS).toString(), "by", "erin",
                                "summary", "later")));

        ResponseEntity<Map> answer = post(TestLogins.ADMIN, Map.of("incidents", List.of(sev2("pd-" + suffix), future)), null);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((String) answer.getBody().get("detail")).startsWith("Nothing was imported: incidents[1] (externalId 'future-"
                + suffix + "'), steps[1] (RESOLVE): at ").contains("is in the future");
        assertThat((List<Map<String, Object>>) answer.getBody().get("errors")).singleElement()
                .satisfies(error -> assertThat(error).containsEntry("incident", 1).containsEntry("step", 1)
                        .containsEntry("stepType", "RESOLVE").containsEntry("externalId", "future-" + suffix));
        assertThat(storedTypes(ImportPlanner.incidentIdFor("pd-" + suffix))).isEmpty();
    }

    @Test
    void aHistoryTheAggregateWouldRefuseIsRefusedWholeBeforeAnythingIsWritten() {
        String suffix = UUID.randomUUID().toString();
        Map<String, Object> twice = Map.of("externalId", "twice-" + suffix, "title", "Resolved twice", "severity", "SEV3",
                "services", List.of("search"), "declaredAt", at(0), "declaredBy", "erin",
                "steps", List.of(Map.of("type", "RESOLVE", "at", at(5), "by", "erin", "summary", "done"),
                        Map.of("type", "RESOLVE", "at", at(6), "by", "erin", "summary", "done again")));

        ResponseEntity<Map> answer = post(TestLogins.ADMIN, Map.of("incidents", List.of(sev2("pd-" + suffix), twice)), null);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat((String) answer.getBody().get("detail")).contains("incidents[1]", "steps[1] (RESOLVE)", "resolved");
        assertThat(storedTypes(ImportPlanner.incidentIdFor("pd-" + suffix))).isEmpty();
        assertThat(storedTypes(ImportPlanner.incidentIdFor("twice-" + suffix))).isEmpty();
    }

    @Test
    void badJsonAnEmptyListAndTooManyIncidentsAreRefusedWithProblemJson() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> broken = TestLogins.ADMIN.on(rest).postForEntity(IMPORTS,
                new HttpEntity<>("{\"incidents\": [{\"externalId\": ", headers), Map.class);
        assertThat(broken.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map> badTime = post(TestLogins.ADMIN, Map.of("incidents", List.of(Map.of("externalId", "x",
                "declaredAt", "yesterday"))), null);
        assertThat(badTime.getStatusCode().value()).isEqualTo(400);
        assertThat(post(TestLogins.ADMIN, Map.of("incidents", List.of()), null).getStatusCode().value()).isEqualTo(400);
        assertThat(post(TestLogins.ADMIN, Map.of(), null).getStatusCode().value()).isEqualTo(400);

        List<Map<String, Object>> tooMany = IntStream.range(0, 1001).mapToObj(i -> Map.<String, Object>of("externalId", "n" + i))
                .collect(Collectors.toList());
        ResponseEntity<Map> over = post(TestLogins.ADMIN, Map.of("incidents", tooMany), null);
        assertThat(over.getStatusCode().value()).isEqualTo(413);
        assertThat((String) over.getBody().get("detail")).contains("1001 incidents; at most 1000");
    }

    @Test
    void onlyAnAdminMayImport() {
        String suffix = UUID.randomUUID().toString();
        assertThat(post(TestLogins.RESPONDER, Map.of("incidents", List.of(sev4("jira-" + suffix))), null)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(storedTypes(ImportPlanner.incidentIdFor("jira-" + suffix))).isEmpty();
    }
}
