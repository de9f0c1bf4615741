package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestInfrastructure;
import io.incidents.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

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
    @Autowired
    LoggingSystem loggingSystem;

    private static final ObjectMapper JSON = new ObjectMapper();

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
        // "DB connection pool exhausted" suggests the database-connections runbook at declaration.
        assertThat(types(incident)).containsExactly("IncidentDeclared", "IncidentTypeSet", "IncidentAcknowledged",
                "IncidentResolved");
        assertThat(payloadOf(incident, "IncidentTypeSet")).contains("\"type\":\"database-connections\"",
                "\"suggested\":true", "\"id\":\"pool-metrics\"");

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
    void anAlertmanagerAlertsStartIsItsIncidentsDetection() throws Exception {
        Instant sevenMinutesAgo = Instant.now().minus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.SECONDS);
        String fingerprint = "det-" + UUID.randomUUID();

        post("/api/v1/integrations/alertmanager", alertmanagerPayload(List.of(Map.of("status", "firing",
                "labels", Map.of("severity", "warning", "service", "checkout"), "annotations", Map.of("summary", "Slow checkout"),
                "fingerprint", fingerprint, "startsAt", sevenMinutesAgo.toString()))), "am");

        Map<String, Object> declared = declaredOf(incidentOf("am", fingerprint));
        assertThat(declared).containsEntry("detectedAt", sevenMinutesAgo.toString()).containsEntry("detectedAtAsGiven", null);
    }

    @Test
    void aPagerDutyTimestampWithoutAnOffsetIsReadAsUtc() throws Exception {
        Instant threeMinutesAgo = Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS);
        String key = "det-pd-" + UUID.randomUUID();
        String trigger = fixture("pagerduty-trigger.json").replace("DEDUP_KEY", key)
                .replace("2026-11-26T10:42:17.123456789Z", LocalDateTime.ofInstant(threeMinutesAgo, ZoneOffset.UTC).toString());

        assertThat(post("/v2/enqueue", trigger, null).getStatusCode().value()).isEqualTo(202);

        assertThat(declaredOf(incidentOf("pd", key))).containsEntry("detectedAt", threeMinutesAgo.toString());
    }

    @Test
    void aNativeDetectionTwoDaysOldIsClampedToADayBeforeTheDeclarationAndKeptAsGiven() throws Exception {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String key = "det-native-" + UUID.randomUUID();
        String alert = nativeAlert(key, "error", "firing").replace("\"status\"", "\"detectedAt\":\"" + twoDaysAgo + "\",\"status\"");

        assertThat(post("/api/v1/alerts", alert, "raise").getStatusCode().value()).isEqualTo(202);

        Map<String, Object> declared = declaredOf(incidentOf("raise", key));
        assertThat(declared).containsEntry("detectedAtAsGiven", twoDaysAgo.toString());
        assertThat(Instant.parse((String) declared.get("detectedAt")))
                .isEqualTo(Instant.parse((String) declared.get("declaredAt")).minus(Duration.ofHours(24)));
    }

    @Test
    void anAlertNamingItsIncidentTypeGetsThatRunbookWhateverItsWords() {
        String fingerprint = "typed-" + UUID.randomUUID();
        Map<String, Object> alert = Map.of("status", "firing",
                "labels", Map.of("severity", "warning", "service", "payments", "incident_type", "external-provider"),
                "annotations", Map.of("summary", "Checkout slow"), "fingerprint", fingerprint, "startsAt", Instant.now().toString());

        post("/api/v1/integrations/alertmanager", alertmanagerPayload(List.of(alert)), "am");

        assertThat(payloadOf(incidentOf("am", fingerprint), "IncidentTypeSet"))
                .contains("\"type\":\"external-provider\"", "\"suggested\":true");
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
    void aRepeatThatSaysNothingAboutSeverityLeavesARespondersLoweringAlone() {
        String fingerprint = "lowered-" + UUID.randomUUID();
        Map<String, Object> firing = Map.of("status", "firing", "labels", Map.of("severity", "critical", "service", "search"),
                "annotations", Map.of("summary", "Search index lagging"), "fingerprint", fingerprint, "startsAt", Instant.now().toString());
        post("/api/v1/integrations/alertmanager", alertmanagerPayload(List.of(firing)), "am");
        String incident = incidentOf("am", fingerprint);
        assertThat(new CommandApi(rest).post("/api/v1/incidents/" + incident + "/severity",
                Map.of("severity", "SEV4", "reason", "only the admin search")).getStatusCode().value()).isEqualTo(204);

        // Alertmanager re-notifies the group; this time the alert carries no severity label.
        Map<String, Object> repeat = Map.of("status", "firing", "labels", Map.of("service", "search"),
                "annotations", Map.of("summary", "Search index lagging"), "fingerprint", fingerprint, "startsAt", Instant.now().toString());
        post("/api/v1/integrations/alertmanager", alertmanagerPayload(List.of(repeat)), "am");

        assertThat(types(incident)).containsExactly("IncidentDeclared", "SeverityChanged", "AlertReceived");
        assertThat(payloadOf(incident, "AlertReceived")).contains("\"alertSeverity\":null", "\"recommendation\":null");
    }

    @Test
    void anOutageLabelTakesTheMatrixFirstRowWhateverTheErrorRate() throws Exception {
        String fingerprint = "outage-" + UUID.randomUUID();
        Map<String, Object> alert = Map.of("status", "firing",
                "labels", Map.of("severity", "warning", "service", "login", "outage", "true", "error_rate", "1"),
                "annotations", Map.of("summary", "Logins failing"), "fingerprint", fingerprint, "startsAt", Instant.now().toString());

        post("/api/v1/integrations/alertmanager", alertmanagerPayload(List.of(alert)), "am");

        Map<String, Object> declared = declaredOf(incidentOf("am", fingerprint));
        assertThat(declared).containsEntry("severity", "SEV1");
        assertThat((Map<String, Object>) declared.get("recommendation")).containsEntry("recommendation", "ROLLBACK_NOW")
                .containsEntry("priority", "CRITICAL");
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
    void overTheRateLimitTheAnswerIs429WithWhenToRetry() {
        int accepted = 0;
        int limited = 0;
        List<String> retryAfter = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            ResponseEntity<Map> answer = post("/api/v1/alerts", nativeAlert("unknown-" + i, null, "resolved"), "limited");
            accepted += answer.getStatusCode().value() == 202 ? 1 : 0;
            if (answer.getStatusCode().value() == 429) {
                limited++;
                retryAfter.add(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
                assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            }
        }

        // a burst of 200 (a full payload), then the bucket refills at 2 per second while the requests run
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(accepted).isBetween(200, 200 + (int) Math.ceil(seconds * 2));
        assertThat(limited).isPositive().isEqualTo(300 - accepted);
        // one alert is at most half a second away: rounded up to whole seconds
        assertThat(retryAfter).containsOnly("1");
    }

    @Test
    void aPayloadIsChargedItsFullCountAndRefusedWholeWithWhenToRetry() {
        String run = UUID.randomUUID().toString();
        ResponseEntity<Map> first = post("/api/v1/integrations/alertmanager", alertmanagerPayload(150, "first-" + run, "resolved",
                Map.of()), "charged");
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(first.getBody()).containsEntry("alerts", 150);

        // 50 of the 200 left: 60 more are refused whole, and told to wait for the 10 missing (5 s at 2 per second)
        ResponseEntity<Map> second = post("/api/v1/integrations/alertmanager", alertmanagerPayload(60, "second-" + run, "firing",
                Map.of()), "charged");
        assertThat(second.getStatusCode().value()).isEqualTo(429);
        assertThat(second.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(Integer.parseInt(second.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 5);
        assertThat((String) second.getBody().get("detail")).contains("60");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_incident WHERE dedup_key LIKE ?", Integer.class,
                "second-" + run + "%")).isZero();

        // the refused payload took nothing: 40 still fit
        assertThat(post("/api/v1/integrations/alertmanager", alertmanagerPayload(40, "third-" + run, "resolved", Map.of()),
                "charged").getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void aPayloadOverTheCapIs413AndChangesNothingWhileAFullOnePasses() {
        String run = UUID.randomUUID().toString();

        ResponseEntity<Map> over = post("/api/v1/integrations/alertmanager", alertmanagerPayload(201, "over-" + run, "firing",
                Map.of()), "capped");

        assertThat(over.getStatusCode().value()).isEqualTo(413);
        assertThat(over.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((String) over.getBody().get("detail")).contains("201 alerts", "at most 200");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_incident WHERE dedup_key LIKE ?", Integer.class,
                "over-" + run + "%")).isZero();
        // nothing was charged either: a payload of the full 200 still passes on a fresh key
        ResponseEntity<Map> full = post("/api/v1/integrations/grafana", alertmanagerPayload(200, "full-" + run, "resolved",
                Map.of()), "capped");
        assertThat(full.getStatusCode().value()).isEqualTo(202);
        assertThat(full.getBody()).containsEntry("alerts", 200);
    }

    @Test
    void anOddServiceLabelIsNormalisedOntoTheIncidentInsteadOfRefused() {
        String run = UUID.randomUUID().toString();
        String payload = alertmanagerPayload(List.of(
                alert("odd-" + run, "firing", Map.of("service", "../Billing API<script>"), Map.of()),
                alert("long-" + run, "firing", Map.of("service", "s".repeat(5_000)),
                        Map.of("description", "d".repeat(20_000))),
                alert("none-" + run, "firing", Map.of("service", "!!! ???"), Map.of())));

        ResponseEntity<Map> answer = post("/api/v1/integrations/alertmanager", payload, "am");

        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        assertThat(payloadOf(incidentOf("am", "odd-" + run), "IncidentDeclared")).contains("\"services\":[\"Billing-API-script-\"]");
        assertThat(payloadOf(incidentOf("am", "long-" + run), "IncidentDeclared"))
                .contains("\"services\":[\"" + "s".repeat(100) + "\"]", "\"description\":\"" + "d".repeat(10_000) + "\"")
                .doesNotContain("s".repeat(101), "d".repeat(10_001));
        // nothing left of the label: the integration's default service
        assertThat(payloadOf(incidentOf("am", "none-" + run), "IncidentDeclared")).contains("\"services\":[\"platform\"]");
    }

    @Test
    void aKeyInTheQueryStringIsRefusedWhereTheHeaderWorks() {
        String fingerprint = "query-" + UUID.randomUUID();
        String payload = fixture("alertmanager-v4.json").replace("FINGERPRINT", fingerprint).replace("STATUS", "firing");

        ResponseEntity<String> refused = rest.postForEntity("/api/v1/integrations/alertmanager?key=am-key", json(payload),
                String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody()).contains("Authorization: Bearer").doesNotContain("am-key");
        HttpHeaders withHeaderToo = new HttpHeaders();
        withHeaderToo.setContentType(MediaType.APPLICATION_JSON);
        withHeaderToo.setBearerAuth("native-key");
        assertThat(rest.postForEntity("/api/v1/alerts?key=native-key", new HttpEntity<>(nativeAlert(fingerprint, "error",
                "firing"), withHeaderToo), String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_incident WHERE dedup_key = ?", Integer.class, fingerprint))
                .isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aQueryKeyNeverReachesTheLogsEvenAtDebugLevel(CapturedOutput output) {
        String[] loggers = {"org.springframework.security.web.FilterChainProxy", "org.springframework.web.servlet.DispatcherServlet"};
        for (String logger : loggers) {
            loggingSystem.setLogLevel(logger, LogLevel.DEBUG);
        }
        try {
            ResponseEntity<Map> firing = rest.postForEntity("/api/v1/integrations/grafana?orgId=1&key=grafana-key",
                    json(fixture("grafana.json").replace("FINGERPRINT", "logged-" + UUID.randomUUID())), Map.class);
            assertThat(firing.getStatusCode().value()).isEqualTo(202);
        } finally {
            for (String logger : loggers) {
                loggingSystem.setLogLevel(logger, null);
            }
        }

        assertThat(output.getOut()).contains("Securing POST /api/v1/integrations/grafana?orgId=1")
                .doesNotContain("grafana-key");
    }

    @Test
    void anAddressThatKeepsPresentingUnknownKeysWaitsWhileOthersGoOn() {
        String guesser = address();
        String neighbour = address();
        String clumsy = address();
        for (int i = 0; i < 20; i++) {
            assertThat(postFrom(guesser, "/api/v1/alerts", nativeAlert("guess", null, "resolved"), "guess-" + i + "-key")
                    .getStatusCode().value()).isEqualTo(401);
        }

        // blocked before its key is looked at, valid or not, on every alert endpoint
        ResponseEntity<Map> blocked = postFrom(guesser, "/api/v1/alerts", nativeAlert("guess", null, "resolved"), "native-key");
        assertThat(blocked.getStatusCode().value()).isEqualTo(429);
        assertThat(blocked.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(Integer.parseInt(blocked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 60);
        ResponseEntity<Map> pagerDuty = postFrom(guesser, "/v2/enqueue", fixture("pagerduty-trigger.json")
                .replace("DEDUP_KEY", "guess-" + UUID.randomUUID()), null);
        assertThat(pagerDuty.getStatusCode().value()).isEqualTo(429);
        assertThat(pagerDuty.getBody()).containsEntry("status", "throttle event");
        assertThat(pagerDuty.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();

        // another address is not held up, and its valid key does not free the guesser
        assertThat(postFrom(neighbour, "/api/v1/alerts", nativeAlert("guess", null, "resolved"), "native-key")
                .getStatusCode().value()).isEqualTo(202);
        assertThat(postFrom(guesser, "/api/v1/alerts", nativeAlert("guess", null, "resolved"), "native-key")
                .getStatusCode().value()).isEqualTo(429);

        // a valid key clears its own address's count: 19 slips, a success, 19 more slips are never blocked
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 19; i++) {
                assertThat(postFrom(clumsy, "/api/v1/alerts", nativeAlert("slip", null, "resolved"), "slip-" + i + "-key")
                        .getStatusCode().value()).isEqualTo(401);
            }
            assertThat(postFrom(clumsy, "/api/v1/alerts", nativeAlert("slip", null, "resolved"), "native-key")
                    .getStatusCode().value()).isEqualTo(202);
        }
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

    /** Sent as if through a proxy from {@code address}: the throttle counts per client address. */
    private ResponseEntity<Map> postFrom(String address, String path, String body, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Forwarded-For", address);
        if (key != null) {
            headers.setBearerAuth(key);
        }
        return rest.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    /** A loopback address of its own, so no other test shares its throttle count. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    private static Map<String, Object> alert(String fingerprint, String status, Map<String, String> labels,
                                             Map<String, String> annotations) {
        return Map.of("status", status, "labels", labels, "annotations", annotations, "fingerprint", fingerprint,
                "startsAt", "2026-11-26T10:40:00Z");
    }

    private static String alertmanagerPayload(int alerts, String fingerprintPrefix, String status, Map<String, String> labels) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            list.add(alert(fingerprintPrefix + "-" + i, status, labels, Map.of("summary", "Alert " + i)));
        }
        return alertmanagerPayload(list);
    }

    private static String alertmanagerPayload(List<Map<String, Object>> alerts) {
        try {
            return JSON.writeValueAsString(Map.of("version", "4", "status", "firing", "receiver", "incidents", "alerts", alerts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    private Map<String, Object> declaredOf(String incident) throws JsonProcessingException {
        return JSON.readValue(payloadOf(incident, "IncidentDeclared"), Map.class);
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
