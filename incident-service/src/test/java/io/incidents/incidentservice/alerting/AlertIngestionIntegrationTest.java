package io.incidents.incidentservice.alerting;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestInfrastructure;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every alert format from real-looking fixtures, through to incidents, events and Kafka. */
@IntegrationTest
class AlertIngestionIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pagerDutyTriggerAcknowledgeResolveAnswersAsPagerDutyDoesAndDrivesOneIncident() {
        String key = "pd-" + UUID.randomUUID();
        ResponseEntity<Map> triggered = post("/v2/enqueue", fixture("pagerduty-trigger.json").replace("DEDUP_KEY", key), null);

        assertThat(triggered.getStatusCode().value()).isEqualTo(202);
        assertThat(triggered.getBody()).containsEntry("status", "success").containsEntry("message", "Event processed")
                .containsEntry("dedup_key", key);
        String incident = incidentOf("pd", key);
        assertThat(payloadOf(incident, "IncidentDeclared")).contains("\"title\":\"DB connection pool exhausted on billing-api\"",
                "\"severity\":\"SEV2\"", "\"services\":[\"billing\"]", "\"dedupKey\":\"" + key + "\"");

        ResponseEntity<Map> acknowledged = post("/v2/enqueue",
                fixture("pagerduty-acknowledge.json").replace("DEDUP_KEY", key).replace("ACTION", "acknowledge"), null);
        assertThat(acknowledged.getStatusCode().value()).isEqualTo(202);
        assertThat(payloadOf(incident, "IncidentAcknowledged")).contains("\"acknowledgedBy\":\"pd\"");
        assertThat(types(incident)).doesNotContain("SeverityChanged");

        post("/v2/enqueue", fixture("pagerduty-acknowledge.json").replace("DEDUP_KEY", key).replace("ACTION", "resolve"), null);
        assertThat(types(incident)).containsExactly("IncidentDeclared", "IncidentAcknowledged", "IncidentResolved");

        ResponseEntity<Map> unknown = post("/v2/enqueue",
                fixture("pagerduty-acknowledge.json").replace("DEDUP_KEY", "nobody-knows").replace("ACTION", "resolve"), null);
        assertThat(unknown.getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void aTriggerWithoutDedupKeyGetsOneAndItIsReturned() {
        ResponseEntity<Map> triggered = post("/v2/enqueue",
                fixture("pagerduty-trigger.json").replace("\"dedup_key\": \"DEDUP_KEY\",", "\"dedup_key\": null,"), null);

        assertThat(triggered.getStatusCode().value()).isEqualTo(202);
        assertThat((String) triggered.getBody().get("dedup_key")).isNotBlank();
    }

    @Test
    void invalidPagerDutyEventsGet400InPagerDutysShape() {
        ResponseEntity<Map> missing = post("/v2/enqueue", "{\"event_action\":\"fire\",\"payload\":null}", null);

        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).containsEntry("status", "invalid event").containsEntry("message", "Event object is invalid");
        assertThat((List<String>) missing.getBody().get("errors")).anyMatch(e -> e.contains("routing_key"))
                .anyMatch(e -> e.contains("event_action"));
        ResponseEntity<Map> badKey = post("/v2/enqueue",
                fixture("pagerduty-trigger.json").replace("pd-key-0123456789abcdef0123456789", "wrong"), null);
        assertThat(badKey.getStatusCode().value()).isEqualTo(400);
        assertThat(post("/v2/enqueue", "{not json", null).getBody()).containsEntry("status", "invalid event");
        String huge = fixture("pagerduty-trigger.json").replace("\"primary\"", "\"" + "x".repeat(600_000) + "\"");
        assertThat(post("/v2/enqueue", huge, null).getStatusCode().value()).isEqualTo(413);
    }

    @Test
    void alertmanagerAlertsAreKeyedByFingerprintAndAnErrorRateBringsTheDecisionMatrix() {
        String fingerprint = "fp-" + UUID.randomUUID();
        String payload = fixture("alertmanager-v4.json").replace("FINGERPRINT", fingerprint);

        ResponseEntity<Map> firing = post("/api/v1/integrations/alertmanager", payload.replace("STATUS", "firing"), "am");

        assertThat(firing.getStatusCode().value()).isEqualTo(202);
        String incident = incidentOf("am", fingerprint);
        // warning would be SEV3, but 12.5 % errors call for a rollback now: SEV1
        assertThat(payloadOf(incident, "IncidentDeclared")).contains("\"title\":\"Checkout error rate above 10%\"",
                "\"severity\":\"SEV1\"", "\"services\":[\"checkout\"]", "\"recommendation\":\"ROLLBACK_NOW\"",
                "\"priority\":\"CRITICAL\"", "\"description\":\"5xx ratio 12.5% over 5m\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_incident WHERE dedup_key = 'never-seen-before'", Integer.class))
                .isZero();

        post("/api/v1/integrations/alertmanager", payload.replace("STATUS", "resolved"), "am");
        assertThat(types(incident)).endsWith("IncidentResolved");
    }

    @Test
    void grafanaAlertsTakeTheKeyFromTheQueryString() {
        String fingerprint = "gf-" + UUID.randomUUID();
        ResponseEntity<Map> firing = rest.postForEntity("/api/v1/integrations/grafana?key=grafana-key",
                json(fixture("grafana.json").replace("FINGERPRINT", fingerprint)), Map.class);

        assertThat(firing.getStatusCode().value()).isEqualTo(202);
        assertThat(payloadOf(incidentOf("grafana", fingerprint), "IncidentDeclared")).contains("\"severity\":\"SEV1\"",
                "\"title\":\"Login p99 above 3 s\"");
    }

    @Test
    void aMoreSevereRepeatRaisesTheIncidentInsteadOfOpeningAnotherAndAfterResolutionANewOneOpens() {
        String key = "raise-" + UUID.randomUUID();
        post("/api/v1/alerts", nativeAlert(key, "warning", "firing"), "raise");
        post("/api/v1/alerts", nativeAlert(key, "critical", "firing"), "raise");
        String incident = incidentOf("raise", key);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_incident WHERE dedup_key = ?", Integer.class, key)).isEqualTo(1);
        assertThat(types(incident)).containsExactly("IncidentDeclared", "AlertReceived", "SeverityChanged");
        assertThat(payloadOf(incident, "SeverityChanged")).contains("\"from\":\"SEV3\"", "\"to\":\"SEV1\"");

        post("/api/v1/alerts", nativeAlert(key, null, "resolved"), "raise");
        post("/api/v1/alerts", nativeAlert(key, "warning", "firing"), "raise");

        String second = incidentOf("raise", key);
        assertThat(second).isNotEqualTo(incident);
        assertThat(types(incident)).endsWith("IncidentResolved");
    }

    @Test
    void aHundredConcurrentIdenticalTriggersOpenExactlyOneIncident() throws Exception {
        String key = "burst-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(pool.submit(() -> post("/api/v1/alerts", nativeAlert(key, "error", "firing"), "burst")
                    .getStatusCode().value()));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(202);
        }
        pool.shutdown();

        assertThat(jdbc.queryForObject("SELECT count(DISTINCT incident_id) FROM alert_incident WHERE dedup_key = ?",
                Integer.class, key)).isEqualTo(1);
        String incident = incidentOf("burst", key);
        assertThat(types(incident)).filteredOn("IncidentDeclared"::equals).hasSize(1);
        assertThat(types(incident)).filteredOn("AlertReceived"::equals).hasSize(99);
    }

    @Test
    void overTheRateLimitTheAnswerIs429() {
        int accepted = 0;
        int limited = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            int status = post("/api/v1/alerts", nativeAlert("unknown-" + i, null, "resolved"), "limited").getStatusCode().value();
            accepted += status == 202 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }

        // 120 at once, then the bucket refills at 2 per second while the requests run
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(accepted).isBetween(120, 120 + (int) Math.ceil(seconds * 2));
        assertThat(limited).isPositive().isEqualTo(200 - accepted);
    }

    @Test
    void withoutAValidKeyTheAnswerIs401AndBadPayloadsAre400() {
        ResponseEntity<Map> none = rest.postForEntity("/api/v1/alerts", json(nativeAlert("k", "error", "firing")), Map.class);
        assertThat(none.getStatusCode().value()).isEqualTo(401);
        assertThat(none.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(post("/api/v1/integrations/alertmanager", "{\"alerts\":[]}", "not-a-key").getStatusCode().value())
                .isEqualTo(401);
        ResponseEntity<Map> noSeverity = post("/api/v1/alerts", "{\"dedupKey\":\"k\",\"summary\":\"s\",\"status\":\"firing\"}", "native");
        assertThat(noSeverity.getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/v1/alerts", "{\"dedupKey\":\"k\",\"summary\":\"s\",\"status\":\"burning\",\"severity\":\"error\"}",
                "native").getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/v1/integrations/alertmanager", "{\"alerts\":[{\"status\":\"firing\"}]}", "am")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(post("/api/v1/integrations/alertmanager", "[1,2]", "am").getStatusCode().value()).isEqualTo(400);
        // PostgreSQL cannot store NUL anywhere downstream: refused at the door
        assertThat(post("/api/v1/alerts", nativeAlert("nul\\u0000key", "error", "firing"), "native").getStatusCode().value())
                .isEqualTo(400);
        ResponseEntity<Map> nulSummary = post("/v2/enqueue", fixture("pagerduty-trigger.json")
                .replace("DB connection pool exhausted", "pool\\u0000exhausted"), null);
        assertThat(nulSummary.getStatusCode().value()).isEqualTo(400);
        assertThat((List<String>) nulSummary.getBody().get("errors")).anyMatch(e -> e.contains("NUL"));
    }

    @Test
    void alertsFromTheKafkaTopicOpenIncidentsAndTheIncidentReachesIncidentEvents() throws Exception {
        String key = "kafka-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("alerts", key, "{broken")).get();
            producer.send(new ProducerRecord<>("alerts", key, "null")).get();
            producer.send(new ProducerRecord<>("alerts", key, nativeAlert(key, null, "firing")
                    .replace("\"status\"", "\"errorRate\":7,\"status\""))).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM alert_incident WHERE dedup_key = ?", Integer.class, key) == 1);
        String incident = incidentOf("native", key);
        assertThat(payloadOf(incident, "IncidentDeclared")).contains("\"severity\":\"SEV2\"", "\"recommendation\":\"ROLLBACK\"");
        List<ConsumerRecord<String, String>> relayed = TopicReader.read("incident-events", r -> incident.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(relayed).singleElement().satisfies(record -> {
            assertThat(header(record, "ce_type")).isEqualTo("incident.IncidentDeclared.v1");
            assertThat(header(record, "ce_actor")).isEqualTo("native");
            assertThat(record.value()).contains("Summary of " + key);
        });
        // every live test context consumes the topic with a group of its own, so each parks its own copy
        assertThat(TopicReader.read("alerts.DLT", r -> key.equals(r.key()), 2, Duration.ofSeconds(20)))
                .extracting(ConsumerRecord::value).contains("{broken", "null").containsOnly("{broken", "null");
    }

    private String nativeAlert(String dedupKey, String severity, String status) {
        return "{\"dedupKey\":\"" + dedupKey + "\",\"summary\":\"Summary of " + dedupKey + "\",\"source\":\"test\","
                + "\"service\":\"payments\"," + (severity == null ? "" : "\"severity\":\"" + severity + "\",")
                + "\"status\":\"" + status + "\",\"details\":{\"region\":\"eu-1\"}}";
    }

    private ResponseEntity<Map> post(String path, String body, String integrationKeyOf) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (integrationKeyOf != null) {
            headers.setBearerAuth(integrationKeyOf.endsWith("-key") || integrationKeyOf.equals("not-a-key")
                    ? integrationKeyOf : integrationKeyOf + "-key");
        }
        return rest.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private String incidentOf(String integration, String dedupKey) {
        return jdbc.queryForObject("SELECT incident_id FROM alert_incident WHERE integration = ? AND dedup_key = ?"
                + " ORDER BY id DESC LIMIT 1", String.class, integration, dedupKey);
    }

    private List<String> types(String incident) {
        return jdbc.queryForList("SELECT substring(payload_type from 21) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", String.class, incident);
    }

    private String payloadOf(String incident, String type) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ? ORDER BY sequence_number LIMIT 1", String.class, incident, "io.incidents.events." + type);
    }

    private static String fixture(String name) {
        try (InputStream in = AlertIngestionIntegrationTest.class.getResourceAsStream("/alerts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
