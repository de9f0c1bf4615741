package io.incidents.incidentservice.apitoken;

import io.incidents.incidentservice.FlakyKafka;
import io.incidents.incidentservice.InjectedFaults;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A change no service could hear of is not made: 503, and the database keeps what it had. */
@IntegrationTest
@Import(InjectedFaults.class)
class ApiTokenKafkaDownIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FlakyKafka.Template kafka;

    TokenApi tokens;

    @BeforeEach
    void setUp() {
        tokens = new TokenApi(rest);
    }

    @AfterEach
    void brokerBack() {
        kafka.failing.set(false);
        kafka.refused.set(0);
    }

    @Test
    void creatingWhileKafkaIsAwayAnswers503AndStoresNothing() {
        kafka.failing.set(true);

        ResponseEntity<Map> answer = tokens.createRaw(TestLogins.ADMIN.on(rest), TokenApi.body("while away", "VIEWER", null));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody()).doesNotContainKey("token");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token WHERE name = 'while away'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE target LIKE '%(while away)'", Integer.class)).isZero();
    }

    @Test
    void revokingWhileKafkaIsAwayAnswers503AndTheTokenStaysValid() {
        Map<String, Object> created = tokens.create("kept", "METRICS", null);
        String id = (String) created.get("id");
        kafka.failing.set(true);

        ResponseEntity<String> answer = TestLogins.ADMIN.on(rest).exchange(TokenApi.TOKENS + "/" + id, HttpMethod.DELETE, null,
                String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(tokens.listed(id)).containsEntry("revokedAt", null);
        assertThat(tokens.scrape((String) created.get("token"))).isEqualTo(200);
    }
}
