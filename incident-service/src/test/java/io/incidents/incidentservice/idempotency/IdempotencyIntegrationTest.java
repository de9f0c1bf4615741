package io.incidents.incidentservice.idempotency;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that retries a command with the same Idempotency-Key (after a timeout, a 503, a lost
 * answer) gets the first answer again and nothing is done twice.
 */
@IntegrationTest
class IdempotencyIntegrationTest {

    private static final String INCIDENTS = "/api/v1/incidents";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDeclarationSentAgainWithItsKeyGetsTheFirstAnswerAndDeclaresNothingNew() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = declaration("Payments timing out " + key);

        ResponseEntity<Map> first = post(TestLogins.RESPONDER, INCIDENTS, key, body);
        ResponseEntity<Map> again = post(TestLogins.RESPONDER, INCIDENTS, key, body);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(declarationsTitled("Payments timing out " + key)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndDoesNothing() {
        String key = UUID.randomUUID().toString();
        assertThat(post(TestLogins.RESPONDER, INCIDENTS, key, declaration("First " + key)).getStatusCode().value())
                .isEqualTo(201);

        ResponseEntity<Map> reused = post(TestLogins.RESPONDER, INCIDENTS, key, declaration("Second " + key));

        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(reused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(reused.getBody()).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
        assertThat(declarationsTitled("Second " + key)).isZero();
    }

    @Test
    void keysBelongToTheCallerWhoSentThem() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = declaration("Chat down " + key);

        ResponseEntity<Map> alices = post(TestLogins.RESPONDER, INCIDENTS, key, body);
        ResponseEntity<Map> adas = post(TestLogins.ADMIN, INCIDENTS, key, body);

        assertThat(adas.getStatusCode().value()).isEqualTo(201);
        assertThat(adas.getBody().get("id")).isNotEqualTo(alices.getBody().get("id"));
        assertThat(declarationsTitled("Chat down " + key)).isEqualTo(2);
    }

    @Test
    void concurrentRetriesOfOneRequestDeclareOneIncident() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = declaration("Checkout down " + key);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<ResponseEntity<Map>>> answers = IntStream.range(0, 6)
                    .mapToObj(i -> clients.submit(() -> post(TestLogins.RESPONDER, INCIDENTS, key, body)))
                    .toList();
            List<Object> ids = new java.util.ArrayList<>();
            for (Future<ResponseEntity<Map>> answer : answers) {
                assertThat(answer.get().getStatusCode().value()).isEqualTo(201);
                ids.add(answer.get().getBody().get("id"));
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            clients.shutdownNow();
        }
        assertThat(declarationsTitled("Checkout down " + key)).isEqualTo(1);
    }

    @Test
    void aRollbackAndAnActionItemSentAgainAreTakenOnce() {
        String incident = declare();
        String rollbackKey = UUID.randomUUID().toString();
        Map<String, Object> rollback = Map.of("procedure", "A", "services", List.of("checkout"), "targetVersion", "v1.4.2",
                "reason", "bad deploy");
        ResponseEntity<Map> started = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/rollbacks", rollbackKey, rollback);
        ResponseEntity<Map> startedAgain = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/rollbacks", rollbackKey,
                rollback);
        String itemKey = UUID.randomUUID().toString();
        Map<String, Object> item = Map.of("text", "Add a canary stage", "owner", "carol");
        ResponseEntity<Map> added = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/action-items", itemKey, item);
        ResponseEntity<Map> addedAgain = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/action-items", itemKey, item);

        assertThat(started.getStatusCode().value()).isEqualTo(201);
        assertThat(startedAgain.getStatusCode().value()).as("not 409: the retry is the same rollback").isEqualTo(201);
        assertThat(startedAgain.getBody()).isEqualTo(started.getBody());
        assertThat(addedAgain.getStatusCode().value()).isEqualTo(201);
        assertThat(addedAgain.getBody()).isEqualTo(added.getBody());
        assertThat(events(incident, "RollbackStarted")).isEqualTo(1);
        assertThat(events(incident, "PostMortemActionItemAdded")).isEqualTo(1);
    }

    @Test
    void anEscalationSentAgainClimbsOneLevel() {
        String incident = declare();
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map> escalated = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/escalate", key,
                Map.of("reason", "customers calling"));
        ResponseEntity<Map> again = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/escalate", key,
                Map.of("reason", "customers calling"));

        assertThat(escalated.getStatusCode().value()).isEqualTo(204);
        assertThat(again.getStatusCode().value()).isEqualTo(204);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events(incident, "IncidentEscalated")).isEqualTo(1);
    }

    @Test
    void aRefusedRequestKeepsNothingSoItsRetryIsDoneWhenItCanBe() {
        String incident = declare();
        ResponseEntity<Map> running = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/rollbacks", null,
                Map.of("procedure", "A", "services", List.of("checkout"), "targetVersion", "v1", "reason", "first"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> second = Map.of("procedure", "C", "services", List.of("checkout"), "targetVersion", "v2",
                "reason", "second");

        assertThat(post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/rollbacks", key, second).getStatusCode().value())
                .as("one rollback at a time").isEqualTo(409);
        assertThat(post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/rollbacks/" + running.getBody().get("rollbackId")
                + "/complete", null, Map.of()).getStatusCode().value()).isEqualTo(204);
        ResponseEntity<Map> retried = post(TestLogins.RESPONDER, INCIDENTS + "/" + incident + "/rollbacks", key, second);

        assertThat(retried.getStatusCode().value()).isEqualTo(201);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(events(incident, "RollbackStarted")).isEqualTo(2);
    }

    @Test
    void aKeyThatExpiredMayBeUsedForANewRequest() {
        String key = UUID.randomUUID().toString();
        assertThat(post(TestLogins.RESPONDER, INCIDENTS, key, declaration("Old " + key)).getStatusCode().value()).isEqualTo(201);
        jdbc.update("UPDATE idempotent_request SET created_at = now() - interval '25 hours' WHERE idempotency_key = ?", key);

        ResponseEntity<Map> reused = post(TestLogins.RESPONDER, INCIDENTS, key, declaration("New " + key));

        assertThat(reused.getStatusCode().value()).isEqualTo(201);
        assertThat(declarationsTitled("New " + key)).isEqualTo(1);
    }

    @Test
    void aKeyWithSpacesOrControlCharactersIs400AndDoesNothing() {
        String title = "Refused key " + UUID.randomUUID();

        ResponseEntity<Map> refused = post(TestLogins.RESPONDER, INCIDENTS, "two words", declaration(title));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody()).containsEntry("code", "INVALID_IDEMPOTENCY_KEY");
        assertThat(declarationsTitled(title)).isZero();
        assertThat(post(TestLogins.RESPONDER, INCIDENTS, "k".repeat(256), declaration(title)).getStatusCode().value())
                .isEqualTo(400);
    }

    private String declare() {
        ResponseEntity<Map> declared = post(TestLogins.RESPONDER, INCIDENTS, null, declaration("Checkout failing"));
        assertThat(declared.getStatusCode().value()).isEqualTo(201);
        return (String) declared.getBody().get("id");
    }

    private static Map<String, Object> declaration(String title) {
        return Map.of("title", title, "severity", "SEV2", "services", List.of("checkout"));
    }

    private ResponseEntity<Map> post(TestLogins.Login login, String path, String key, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return login.on(rest).postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    private int declarationsTitled(String title) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.incidents.events.IncidentDeclared'"
                + " AND convert_from(payload, 'UTF8')::jsonb ->> 'title' = ?", Integer.class, title);
    }

    private int events(String incident, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Integer.class, incident, "io.incidents.events." + type);
    }
}
