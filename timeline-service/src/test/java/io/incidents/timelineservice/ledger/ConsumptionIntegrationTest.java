package io.incidents.timelineservice.ledger;

import io.incidents.events.Severity;
import io.incidents.support.database.DatabaseOwner;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import io.incidents.testsupport.TopicReader;
import io.incidents.testsupport.EventFeed;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.ReadApi;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ConsumptionIntegrationTest {

    private static final EventFeed feed = new EventFeed(Incidents.TOPIC);
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    /** Constraints are the owner's to add: the service's own role may not change a table. */
    @Autowired
    DatabaseOwner owner;
    @Autowired
    SequenceGapHealthIndicator sequenceHealth;
    ReadApi api;

    @BeforeEach
    void setUp() {
        api = new ReadApi(rest, TestLogins.ADMIN);
    }

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Test
    void aRedeliveredRecordIsAppliedOnce() {
        String id = Incidents.newId();
        List<ProducerRecord<String, String>> records = feed.publish("bob",
                Incidents.declared(id, Severity.SEV3, T0, "search"), Incidents.acknowledged(id, T0, 4));
        feed.send(records.get(1));
        feed.send(records.get(0));
        String marker = Incidents.newId();
        feed.publish("bob", Incidents.declared(marker, Severity.SEV4, T0, "search"));
        api.awaitEvents(marker, 1);

        assertThat(eventsStoredFor(id)).isEqualTo(2);
        assertThat((List<?>) api.get("/api/v1/incidents/" + id + "/timeline").getBody().get("entries")).hasSize(2);
    }

    @Test
    void aGapInAnIncidentsSequenceIsReportedOnHealthUntilTheMissingEventArrives() {
        String id = Incidents.newId();
        ProducerRecord<String, String> declared = feed.record(Incidents.declared(id, Severity.SEV2, T0, "chat"), "bob");
        ProducerRecord<String, String> acknowledged = feed.record(Incidents.acknowledged(id, T0, 5), "bob");
        ProducerRecord<String, String> resolved = feed.record(Incidents.resolved(id, T0, 50), "bob");
        feed.send(declared);
        feed.send(resolved);
        api.awaitEvents(id, 2);

        ResponseEntity<Map> overall = api.get("/actuator/health");
        assertThat(overall.getStatusCode().value()).as("a missing event is no reason to take the service out").isEqualTo(200);
        assertThat(overall.getBody()).containsEntry("status", "DEGRADED");
        Map<String, Object> health = (Map<String, Object>) overall.getBody().get("components");
        assertThat((Map<String, Object>) health.get("eventSequence")).containsEntry("status", "DEGRADED");
        // The open health endpoint shows no details; the indicator itself counts what is missing.
        assertThat(sequenceHealth.health().getDetails()).containsEntry("missingEvents", 1L);

        feed.send(acknowledged);
        api.awaitEvents(id, 3);
        Map<String, Object> healed = (Map<String, Object>) api.get("/actuator/health").getBody().get("components");
        assertThat((Map<String, Object>) healed.get("eventSequence")).containsEntry("status", "UP");
        assertThat(api.get("/api/v1/incidents/" + id).getBody()).containsEntry("status", "RESOLVED")
                .containsEntry("acknowledgedBy", "alice");
    }

    @Test
    void anUnreadableRecordIsParkedOnTheDeadLetterTopicAndConsumptionGoesOn() {
        String broken = Incidents.newId();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "poison-1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "incident.IncidentDeclared.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_sequence", "0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/incident-service".getBytes(StandardCharsets.UTF_8));
        feed.send(new ProducerRecord<>(Incidents.TOPIC, null, broken, "{not json", headers));
        String next = Incidents.newId();
        feed.publish("bob", Incidents.declared(next, Severity.SEV4, T0, "admin-ui"));

        api.awaitEvents(next, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters().stream().anyMatch(letter -> broken.equals(letter.get("key"))));
        assertThat(deadLetters()).anySatisfy(letter -> {
            assertThat(letter).containsEntry("key", broken).containsEntry("value", "{not json");
            assertThat((String) letter.get("error")).contains("not a valid incident.IncidentDeclared.v1");
        });
        assertThat(TopicReader.read(Incidents.TOPIC + ".DLT", r -> broken.equals(r.key()), 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(eventsStoredFor(broken)).isZero();
    }

    @Test
    void aReadableRecordThatFailsEveryTimeIsParkedWithItsErrorAndConsumptionGoesOn() {
        // A service name of 8 KB of noise: too big for the summary's GIN index, every time (SQLSTATE 54000).
        byte[] noise = new byte[6000];
        new java.util.Random(7).nextBytes(noise);
        String hugeService = java.util.Base64.getEncoder().encodeToString(noise);
        String broken = Incidents.newId();
        feed.publish("bob", Incidents.declared(broken, Severity.SEV3, T0, hugeService));
        String next = Incidents.newId();
        feed.publish("bob", Incidents.declared(next, Severity.SEV4, T0, "admin-ui"));

        api.awaitEvents(next, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().stream().anyMatch(letter -> broken.equals(letter.get("key"))));
        assertThat(deadLetters()).filteredOn(letter -> broken.equals(letter.get("key"))).singleElement()
                .satisfies(letter -> assertThat((String) letter.get("error")).contains("index row size"));
        assertThat(eventsStoredFor(broken)).as("nothing half-applied").isZero();
    }

    @Test
    void aDifferentEventClaimingATakenSequenceNumberIsParkedNotDropped() {
        String id = Incidents.newId();
        feed.publish("bob", Incidents.declared(id, Severity.SEV3, T0, "search"), Incidents.acknowledged(id, T0, 4));
        api.awaitEvents(id, 2);

        // As after an event store restored from an old backup: sequence 1 again, another event.
        feed.send(feed.record(Incidents.resolved(id, T0, 30), "bob", 1, "restored-" + id));

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().stream().anyMatch(letter -> id.equals(letter.get("key"))));
        assertThat(deadLetters()).filteredOn(letter -> id.equals(letter.get("key"))).singleElement()
                .satisfies(letter -> assertThat((String) letter.get("error")).contains("sequence 1 already holds event")
                        .contains("restored-" + id));
        assertThat(api.get("/api/v1/incidents/" + id).getBody()).containsEntry("status", "ACKNOWLEDGED");
    }

    @Test
    void aParkedRecordIsReDrivenOnceItsCauseIsFixed() {
        // A rule the read model breaks for one title: every try fails the same way, so it is parked.
        schemaOwner().execute("ALTER TABLE incident_summary ADD CONSTRAINT it_no_blocked_titles CHECK (title <> 'Blocked title')");
        String id = Incidents.newId();
        try {
            feed.publish("bob", new io.incidents.events.IncidentDeclared(id, "Blocked title", "what users saw", Severity.SEV3,
                    List.of("search"), io.incidents.events.IncidentSource.manual(), T0));
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().stream().anyMatch(letter -> id.equals(letter.get("key"))));
            long letter = ((Number) deadLetters().stream().filter(l -> id.equals(l.get("key"))).findFirst().orElseThrow()
                    .get("id")).longValue();

            ResponseEntity<Map> stillFailing = api.post("/api/v1/admin/dead-letters/" + letter + "/redrive", null);
            assertThat(stillFailing.getStatusCode().value()).isEqualTo(422);
            assertThat((String) stillFailing.getBody().get("detail")).contains("still fails").contains("it_no_blocked_titles");

            schemaOwner().execute("ALTER TABLE incident_summary DROP CONSTRAINT it_no_blocked_titles");
            ResponseEntity<Map> redriven = api.post("/api/v1/admin/dead-letters/" + letter + "/redrive", null);
            assertThat(redriven.getStatusCode().value()).isEqualTo(200);
            assertThat(api.get("/api/v1/incidents/" + id).getBody()).containsEntry("title", "Blocked title");
            assertThat(deadLetters()).filteredOn(l -> id.equals(l.get("key"))).singleElement()
                    .satisfies(l -> assertThat(l.get("redrivenAt")).isNotNull());

            assertThat(api.post("/api/v1/admin/dead-letters/" + letter + "/redrive", null).getStatusCode().value()).isEqualTo(409);
            assertThat(api.post("/api/v1/admin/dead-letters/999999999/redrive", null).getStatusCode().value()).isEqualTo(404);
        } finally {
            schemaOwner().execute("ALTER TABLE incident_summary DROP CONSTRAINT IF EXISTS it_no_blocked_titles");
        }
    }

    private List<Map<String, Object>> deadLetters() {
        ResponseEntity<Map> response = api.get("/api/v1/admin/dead-letters");
        return (List<Map<String, Object>>) response.getBody().get("items");
    }

    private int eventsStoredFor(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ?", Integer.class, incidentId);
    }

    private JdbcTemplate schemaOwner() {
        return new JdbcTemplate(owner.dataSource());
    }
}
