package io.incidents.incidentservice.incident;

import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CommandApiIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    CommandApi api;

    @BeforeEach
    void setUp() {
        api = new CommandApi(rest);
    }

    @Test
    void aResponderSequenceLandsAsEventsInPostgresAndAsOrderedCloudEventsOnKafka() {
        String id = api.declare("Checkout failing", "SEV2", "checkout");
        assertThat(api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of()).getStatusCode().value()).isEqualTo(204);
        ResponseEntity<Map> rollback = api.post("/api/v1/incidents/" + id + "/rollbacks", Map.of(
                "procedure", "A", "services", List.of("checkout"), "targetVersion", "v1.4.2", "reason", "bad deploy"));
        assertThat(rollback.getStatusCode().value()).isEqualTo(201);
        String rollbackId = (String) rollback.getBody().get("rollbackId");
        assertThat(api.post("/api/v1/incidents/" + id + "/rollbacks/" + rollbackId + "/complete", Map.of())
                .getStatusCode().value()).isEqualTo(204);
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve",
                Map.of("summary", "rolled back", "rootCause", "missing index")).getStatusCode().value()).isEqualTo(204);

        List<String> stored = jdbc.queryForList("SELECT payload_type FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id);
        assertThat(stored).containsExactly("io.incidents.events.IncidentDeclared", "io.incidents.events.IncidentAcknowledged",
                "io.incidents.events.RollbackStarted", "io.incidents.events.RollbackCompleted",
                "io.incidents.events.IncidentResolved");

        List<ConsumerRecord<String, String>> records = TopicReader.read("incident-events",
                record -> id.equals(record.key()), 5, Duration.ofSeconds(30));
        assertThat(records).extracting(record -> header(record, "ce_type")).containsExactly(
                "incident.IncidentDeclared.v1", "incident.IncidentAcknowledged.v1", "incident.RollbackStarted.v1",
                "incident.RollbackCompleted.v1", "incident.IncidentResolved.v1");
        assertThat(records).extracting(record -> header(record, "ce_sequence")).containsExactly("0", "1", "2", "3", "4");
        ConsumerRecord<String, String> declared = records.get(0);
        assertThat(header(declared, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(declared, "ce_subject")).isEqualTo(id);
        assertThat(header(declared, "ce_source")).isEqualTo("/incident-service");
        assertThat(header(declared, "ce_actor")).isEqualTo("alice");
        assertThat(header(declared, "content-type")).isEqualTo("application/json");
        assertThat(header(declared, "ce_time")).isNotBlank();
        assertThat(header(declared, "ce_id")).isEqualTo(jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id));
        assertThat(declared.value()).contains("\"title\":\"Checkout failing\"", "\"severity\":\"SEV2\"");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(declared.partition());
    }

    @Test
    void aResponderMayGiveWhenTheProblemWasDetectedAndTheDeclarationRecordsIt() {
        Instant detected = Instant.now().minus(Duration.ofMinutes(12)).truncatedTo(ChronoUnit.SECONDS);
        ResponseEntity<Map> response = api.post("/api/v1/incidents", Map.of("title", "Checkout slow", "severity", "SEV3",
                "services", List.of("checkout"), "detectedAt", detected.toString()));
        assertThat(response.getStatusCode().value()).isEqualTo(201);
        String id = (String) response.getBody().get("id");

        String declared = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id);
        assertThat(declared).contains("\"detectedAt\":\"" + detected + "\"", "\"detectedAtAsGiven\":null");
    }

    @Test
    void notesAndMitigationsAreRecordedWithTheLoggedInResponderAsAuthor() {
        String id = api.declare("Search slow", "SEV3", "search");
        ResponseEntity<Map> note = api.post("/api/v1/incidents/" + id + "/notes", Map.of("text", "GC pauses since 09:20"));
        ResponseEntity<Map> mitigation = api.post("/api/v1/incidents/" + id + "/mitigations",
                Map.of("kind", "WORKAROUND", "description", "Traffic moved to EU-2"));
        ResponseEntity<Map> unknownKind = api.post("/api/v1/incidents/" + id + "/mitigations",
                Map.of("kind", "PRAYER", "description", "hope"));

        assertThat(note.getStatusCode().value()).isEqualTo(201);
        assertThat((String) note.getBody().get("noteId")).isNotBlank();
        assertThat(mitigation.getStatusCode().value()).isEqualTo(201);
        assertThat(unknownKind.getStatusCode().value()).isEqualTo(400);
        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id);
        assertThat(payloads).hasSize(3);
        assertThat(payloads.get(1)).contains("\"noteId\":\"" + note.getBody().get("noteId") + "\"",
                "\"text\":\"GC pauses since 09:20\"", "\"author\":\"" + CommandApi.USER + "\"");
        assertThat(payloads.get(2)).contains("\"kind\":\"WORKAROUND\"", "\"description\":\"Traffic moved to EU-2\"",
                "\"appliedBy\":\"" + CommandApi.USER + "\"");
    }

    @Test
    void aDrillAndAStatusUpdateWithItsPublicTitleAndComponentsAreRecorded() {
        ResponseEntity<Map> declared = api.post("/api/v1/incidents", Map.of("title", "Game day: primary DB failover",
                "severity", "SEV2", "services", List.of("orders-db"), "drill", true));
        String id = (String) declared.getBody().get("id");
        assertThat(api.post("/api/v1/incidents/" + id + "/status", Map.of("status", "INVESTIGATING",
                "message", "Orders may be slow.", "publicTitle", "Slow orders", "components", List.of("Orders")))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(api.post("/api/v1/incidents/" + id + "/status", Map.of("status", "MONITORING",
                "message", "x", "components", List.of("c".repeat(201)))).getStatusCode().value()).isEqualTo(400);

        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id);
        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(0)).contains("\"drill\":true");
        assertThat(payloads.get(1)).contains("\"publicTitle\":\"Slow orders\"", "\"components\":[\"Orders\"]");
    }

    @Test
    void afterTheIncidentThePostMortemIsScheduledWrittenAndCompletedAndActionItemsChange() {
        String id = api.declare("Search down", "SEV2", "search");
        String early = "/api/v1/incidents/" + id + "/postmortem/schedule";
        Map<String, Object> schedule = Map.of("owner", "alice", "dueAt", Instant.now().plus(Duration.ofHours(30)).toString());
        assertThat(api.post(early, schedule).getStatusCode().value()).isEqualTo(409);
        api.post("/api/v1/incidents/" + id + "/resolve", Map.of("summary", "index rebuilt"));
        String item = (String) api.post("/api/v1/incidents/" + id + "/action-items",
                Map.of("text", "Alert on index lag", "owner", "carol", "due", "2099-01-31")).getBody().get("actionItemId");

        assertThat(api.post(early, schedule).getStatusCode().value()).isEqualTo(204);
        assertThat(api.post("/api/v1/incidents/" + id + "/postmortem/sections",
                Map.of("section", "LESSONS", "text", "Index lag needs an alert")).getStatusCode().value()).isEqualTo(204);
        assertThat(patch("/api/v1/incidents/" + id + "/action-items/" + item, Map.of("status", "DONE"))).isEqualTo(204);
        assertThat(patch("/api/v1/incidents/" + id + "/action-items/" + item, Map.of())).isEqualTo(400);
        assertThat(patch("/api/v1/incidents/" + id + "/action-items/" + UUID.randomUUID(), Map.of("status", "DONE")))
                .isEqualTo(404);
        assertThat(api.post("/api/v1/incidents/" + id + "/postmortem/complete", Map.of()).getStatusCode().value())
                .isEqualTo(204);
        assertThat(api.post(early, schedule).getStatusCode().value()).isEqualTo(409);

        List<String> types = jdbc.queryForList("SELECT substring(payload_type from 21) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id);
        assertThat(types).containsExactly("IncidentDeclared", "IncidentResolved", "PostMortemActionItemAdded",
                "PostMortemScheduled", "PostMortemSectionWritten", "ActionItemUpdated", "PostMortemCompleted");
    }

    private int patch(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(CommandApi.USER, CommandApi.PASSWORD)
                .exchange(path, HttpMethod.PATCH, new HttpEntity<>(body, headers), String.class).getStatusCode().value();
    }

    @Test
    void aTypeBringsItsRunbookWhoseItemsAreTickedAndAnUnknownTypeOrItemIsRefused() {
        ResponseEntity<Map> declared = api.post("/api/v1/incidents", Map.of("title", "Orders OOM", "severity", "SEV3",
                "services", List.of("orders"), "type", "memory-leak"));
        String id = (String) declared.getBody().get("id");
        ResponseEntity<Map> unknown = api.post("/api/v1/incidents", Map.of("title", "x", "severity", "SEV3",
                "services", List.of("orders"), "type", "gremlins"));

        assertThat(api.post("/api/v1/incidents/" + id + "/runbook/heap", Map.of()).getStatusCode().value()).isEqualTo(204);
        assertThat(api.post("/api/v1/incidents/" + id + "/runbook/heap", Map.of("done", false)).getStatusCode().value())
                .isEqualTo(204);
        assertThat(api.post("/api/v1/incidents/" + id + "/runbook/reboot-it", Map.of()).getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat((String) unknown.getBody().get("detail")).contains("gremlins", "memory-leak");
        assertThat(api.post("/api/v1/incidents/" + id + "/type", Map.of("type", "performance-degradation"))
                .getStatusCode().value()).isEqualTo(204);

        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id);
        assertThat(payloads).hasSize(5);
        assertThat(payloads.get(1)).contains("\"type\":\"memory-leak\"", "\"suggested\":false", "\"id\":\"heap\"");
        assertThat(payloads.get(2)).contains("\"itemId\":\"heap\"", "\"done\":true", "\"tickedBy\":\"alice\"");
        assertThat(payloads.get(3)).contains("\"done\":false");
        assertThat(payloads.get(4)).contains("\"type\":\"performance-degradation\"");
    }

    @Test
    void theCorrelationIdOfTheRequestTravelsToTheKafkaRecord() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Correlation-Id", "deploy-4711");
        ResponseEntity<Map> declared = rest.withBasicAuth(CommandApi.USER, CommandApi.PASSWORD).postForEntity("/api/v1/incidents",
                new HttpEntity<>(Map.of("title", "Search slow", "severity", "SEV3", "services", List.of("search")), headers),
                Map.class);
        String id = (String) declared.getBody().get("id");

        List<ConsumerRecord<String, String>> records = TopicReader.read("incident-events",
                record -> id.equals(record.key()), 1, Duration.ofSeconds(30));

        assertThat(records).singleElement().satisfies(record ->
                assertThat(header(record, "ce_correlationid")).isEqualTo("deploy-4711"));
    }

    @Test
    void fiftyConcurrentCommandsOnOneIncidentAnswer2xxOr409AndLeaveAConsistentStream() throws Exception {
        String id = api.declare("Billing failing", "SEV3", "billing");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = IntStream.range(0, 50).mapToObj(i -> pool.submit(() -> switch (i % 5) {
            case 0 -> api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of()).getStatusCode().value();
            case 1 -> api.post("/api/v1/incidents/" + id + "/status",
                    Map.of("status", "INVESTIGATING", "message", "update " + i)).getStatusCode().value();
            case 2 -> api.post("/api/v1/incidents/" + id + "/severity",
                    Map.of("severity", i % 2 == 0 ? "SEV2" : "SEV3", "reason", "flip " + i)).getStatusCode().value();
            case 3 -> api.post("/api/v1/incidents/" + id + "/roles",
                    Map.of("role", "SCRIBE", "person", "person-" + i)).getStatusCode().value();
            default -> api.post("/api/v1/incidents/" + id + "/action-items",
                    Map.of("text", "item " + i, "owner", "erin")).getStatusCode().value();
        })).toList();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();

        assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(200, 201, 204, 409));
        List<Long> sequences = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, id);
        assertThat(sequences).isEqualTo(IntStream.range(0, sequences.size()).mapToObj(Long::valueOf).toList());
        Integer acknowledgements = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'io.incidents.events.IncidentAcknowledged'", Integer.class, id);
        assertThat(acknowledgements).isEqualTo(1);
        // The aggregate still loads and takes commands after the storm.
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", Map.of("summary", "calm again")).getStatusCode().value())
                .isEqualTo(204);
    }
}
