package io.incidents.incidentservice.availability;

import io.incidents.incidentservice.CommandApi;
import io.incidents.incidentservice.DatabaseProxy;
import com.zaxxer.hikari.HikariDataSource;
import io.incidents.support.events.Failures;
import io.incidents.testsupport.InfrastructureInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away under a running service (its connections break, new ones are refused):
 * commands and alerts answer 503 problem+json with Retry-After once the pool gives up waiting,
 * change nothing, and work again when the database is back, without a restart; a command sent
 * again with its Idempotency-Key is then taken once. A database that stops answering without
 * closing anything (stopped, a network black hole) is given up on after the JDBC socket timeout
 * and answered the same way. The database is taken away through a proxy of this context's own,
 * so no other test notices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = DatabaseOutageIntegrationTest.ThroughProxy.class)
@ActiveProfiles("test")
@DirtiesContext
class DatabaseOutageIntegrationTest {

    private static DatabaseProxy database;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    CommandApi api;

    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transaction;

    /**
     * Each test starts with the database there and a pool without connections an earlier test's
     * outage broke (used within Hikari's half-second, they would be handed out unchecked).
     */
    @BeforeEach
    void setUp() {
        api = new CommandApi(rest);
        database.restore();
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class) >= 0);
    }

    @AfterEach
    void databaseBack() {
        database.restore();
    }

    @Test
    void withTheDatabaseDownCommandsAnswer503WithRetryAfterAndChangeNothingThenWorkWhenItIsBack() {
        String existing = api.declare("Search slow", "SEV3", "search");
        database.cut();

        String key = UUID.randomUUID().toString();
        ResponseEntity<Map> declared = declare(key);
        ResponseEntity<Map> acknowledged = api.post("/api/v1/incidents/" + existing + "/acknowledge", Map.of());

        for (ResponseEntity<Map> answer : List.of(declared, acknowledged)) {
            assertUnavailable(answer);
            assertThat(answer.getBody()).containsEntry("code", "DATABASE_UNAVAILABLE");
        }

        database.restore();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                api.post("/api/v1/incidents/" + existing + "/acknowledge", Map.of()).getStatusCode().value() == 204);
        assertThat(declaredWhileDown()).isZero();
        // The client's retry with the same key is taken, once.
        ResponseEntity<Map> retried = declare(key);
        assertThat(retried.getStatusCode().value()).isEqualTo(201);
        assertThat(declare(key).getBody()).isEqualTo(retried.getBody());
        assertThat(declaredWhileDown()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = 'io.incidents.events.IncidentAcknowledged'", Integer.class, existing))
                .as("only the acknowledgement sent after the outage").isEqualTo(1);
    }

    @Test
    void aDatabaseThatStopsAnsweringFailsTheStatementUnderWayAsAnOutageAndCommandsAnswer503() {
        String existing = api.declare("Search slow", "SEV3", "search");

        // A statement on a connection already in use when the database stops answering: without a
        // socket timeout it would wait for ever.
        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowable(() ->
                transaction.executeWithoutResult(status -> {
                    jdbc.queryForObject("SELECT 1", Integer.class);
                    database.stall();
                    jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
                })));
        assertThat(failure).as("given up on").isNotNull();
        assertThat(Failures.isDatabaseUnreachable(failure)).as("%s", failure).isTrue();
        assertThat(Failures.isOutage(failure)).isTrue();

        ResponseEntity<Map> acknowledged = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> api.post("/api/v1/incidents/" + existing + "/acknowledge", Map.of()));
        assertUnavailable(acknowledged);
        assertThat(acknowledged.getBody()).containsEntry("code", "DATABASE_UNAVAILABLE");

        database.restore();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                api.post("/api/v1/incidents/" + existing + "/acknowledge", Map.of()).getStatusCode().value() == 204);
    }

    @Test
    void withTheDatabaseDownAlertsAnswer503WithRetryAfterSoTheirSendersTryAgain() {
        database.cut();

        assertUnavailable(alert("/api/v1/alerts", "native-key", """
                {"dedupKey": "db-down-%s", "summary": "Checkout 5xx", "severity": "critical", "status": "firing"}"""
                .formatted(UUID.randomUUID())));
        assertUnavailable(alert("/v2/enqueue", null, """
                {"routing_key": "pd-key-0123456789abcdef0123456789", "event_action": "trigger", "dedup_key": "db-down-%s",
                 "payload": {"summary": "Billing failing", "source": "billing-1", "severity": "error"}}"""
                .formatted(UUID.randomUUID())));
        assertUnavailable(alert("/api/v1/integrations/alertmanager", "am-key", """
                {"version": "4", "status": "firing", "alerts": [{"status": "firing", "fingerprint": "db-down-%s",
                 "labels": {"alertname": "Down", "severity": "critical"}, "annotations": {"summary": "Down"}}]}"""
                .formatted(UUID.randomUUID())));
    }

    private ResponseEntity<Map> declare(String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("Idempotency-Key", idempotencyKey);
        return rest.withBasicAuth(CommandApi.USER, CommandApi.PASSWORD).postForEntity("/api/v1/incidents", new HttpEntity<>(
                Map.of("title", "Declared while the database was down", "severity", "SEV2", "services", List.of("chat")),
                headers), Map.class);
    }

    private int declaredWhileDown() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                + " WHERE convert_from(payload, 'UTF8')::jsonb ->> 'title' = 'Declared while the database was down'",
                Integer.class);
    }

    private static void assertUnavailable(ResponseEntity<Map> answer) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }

    private ResponseEntity<Map> alert(String path, String key, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.setBearerAuth(key);
        }
        return rest.postForEntity(path, new HttpEntity<>(json, headers), Map.class);
    }

    /** The shared test infrastructure, with this context's database behind a proxy it can cut. */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new InfrastructureInitializer().initialize(context);
            String url = context.getEnvironment().getRequiredProperty("spring.datasource.url");
            database = DatabaseProxy.to(url);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("database-proxy",
                    Map.of("spring.datasource.url", database.route(url),
                            // Seconds: a stalled database is given up on within the test's patience (60 s in
                            // production); longer than the relay's send timeout in tests (3 s), as required.
                            "spring.datasource.hikari.data-source-properties.socketTimeout", "4")));
        }
    }
}
