package io.incidents.incidentservice.apitoken;

import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the token endpoints refuse, and whom. */
@IntegrationTest
class ApiTokenRefusalsIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    TokenApi tokens;

    @BeforeEach
    void setUp() {
        tokens = new TokenApi(rest);
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("{}", "name"),
                Arguments.of("{\"name\":\"ci\"}", "role"),
                Arguments.of("{\"name\":\"\",\"role\":\"VIEWER\"}", "name"),
                Arguments.of("{\"name\":\" padded\",\"role\":\"VIEWER\"}", "name"),
                Arguments.of("{\"name\":\"" + "x".repeat(101) + "\",\"role\":\"VIEWER\"}", "name"),
                Arguments.of("{\"name\":\"semi;colon\",\"role\":\"VIEWER\"}", "name"),
                Arguments.of("{\"name\":\"ci\",\"role\":\"OWNER\"}", "Role"),
                Arguments.of("{\"name\":\"ci\",\"role\":\"VIEWER\",\"expiresAt\":\"tomorrow\"}", "tomorrow"),
                Arguments.of("{\"name\":\"ci\",\"role\":\"VIEWER\",\"expiresAt\":\"" + Instant.now().minusSeconds(60) + "\"}",
                        "expiresAt"),
                Arguments.of("{\"name\":\"ci\",\"role\":\"VIEWER\",\"expiresAt\":\""
                        + Instant.now().plus(Duration.ofDays(366)) + "\"}", "expiresAt"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void invalidInputIsRefusedWith400NamingTheFieldAndNothingIsStored(String json, String named) {
        int before = jdbc.queryForObject("SELECT count(*) FROM api_token", Integer.class);

        ResponseEntity<String> answer = post(TestLogins.ADMIN.on(rest), json);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody()).contains(named).doesNotContain("itk_");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token", Integer.class)).isEqualTo(before);
    }

    @Test
    void onlyAnAdminManagesTokens() {
        String json = "{\"name\":\"sneaky\",\"role\":\"ADMIN\"}";
        for (TestLogins.Login login : new TestLogins.Login[]{TestLogins.VIEWER, TestLogins.RESPONDER, TestLogins.METRICS}) {
            TestRestTemplate as = login.on(rest);
            assertThat(post(as, json).getStatusCode().value()).as(login.username()).isEqualTo(403);
            assertThat(as.getForEntity(TokenApi.TOKENS, String.class).getStatusCode().value()).isEqualTo(403);
            assertThat(as.exchange(TokenApi.TOKENS + "/" + UUID.randomUUID(), HttpMethod.DELETE, null, String.class)
                    .getStatusCode().value()).isEqualTo(403);
        }
        assertThat(tokens.call(TestLogins.RESPONDER_API_TOKEN, HttpMethod.POST, TokenApi.TOKENS, json).getStatusCode().value())
                .isEqualTo(403);
        assertThat(post(rest, json).getStatusCode().value()).isEqualTo(401);
        assertThat(tokens.list()).noneMatch(item -> "sneaky".equals(item.get("name")));
    }

    @Test
    void anAdminTokenMayManageTokensAndIsNamedAsTheirCreator() {
        String adminToken = (String) tokens.create("token admin", "ADMIN", null).get("token");

        ResponseEntity<String> created = tokens.call(adminToken, HttpMethod.POST, TokenApi.TOKENS,
                "{\"name\":\"made by a token\",\"role\":\"METRICS\"}");

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(tokens.list()).filteredOn(item -> "made by a token".equals(item.get("name")))
                .extracting(item -> item.get("createdBy")).containsExactly("token:token admin");
    }

    private static ResponseEntity<String> post(TestRestTemplate as, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as.exchange(TokenApi.TOKENS, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
    }
}
