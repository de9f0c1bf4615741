package io.incidents.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How every service treats logins (SPEC 9, issue "Identity and access"): the challenge it
 * answers, the throttle on guessing, OpenID Connect tokens and their roles, cross-site requests
 * and the audit log. A service's test class extends this (annotated {@link IntegrationTest}).
 */
public abstract class LoginContract {

    private static final String AUDIT = "/api/v1/admin/audit";

    @Autowired
    protected TestRestTemplate rest;

    @Test
    void aMissingLoginGetsABearerChallengeNeverBasic() {
        ResponseEntity<String> answer = rest.getForEntity(AUDIT, String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).allMatch(challenge -> challenge.startsWith("Bearer"));
    }

    @Test
    void repeatedWrongPasswordsForOneUserAreThrottledAndAudited() {
        String user = "mallory-" + UUID.randomUUID();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(rest.withBasicAuth(user, "guess-" + attempt).getForEntity(AUDIT, String.class).getStatusCode().value())
                    .as("attempt %d", attempt).isEqualTo(401);
        }

        ResponseEntity<String> throttled = rest.withBasicAuth(user, "guess-6").getForEntity(AUDIT, String.class);

        assertThat(throttled.getStatusCode().value()).isEqualTo(429);
        assertThat(throttled.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(Long.parseLong(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        List<Map<String, Object>> entries = audit("?actor=" + user);
        assertThat(entries).extracting(entry -> entry.get("action")).contains("LOGIN_FAILED", "LOGIN_THROTTLED");
        assertThat(entries).filteredOn(entry -> "LOGIN_FAILED".equals(entry.get("action"))).hasSize(5);
        assertThat(entries.toString()).doesNotContain("guess-");
    }

    @Test
    void anOpenIdConnectTokenLogsInWithTheRolesOfItsClaim() {
        assertThat(bearer(TestJwts.issue("grace", "ADMIN"), AUDIT).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> viewer = bearer(TestJwts.issue("vera", "VIEWER"), AUDIT);

        assertThat(viewer.getStatusCode().value()).isEqualTo(403);
        assertThat(viewer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(audit("?actor=vera&action=ACCESS_DENIED")).extracting(entry -> entry.get("target")).contains("GET " + AUDIT);
        assertThat(bearer(TestJwts.issue("nobody", "SUPERUSER"), AUDIT).getStatusCode().value())
                .as("a role the product does not know grants nothing").isEqualTo(403);
    }

    @Test
    void anExpiredOrForgedTokenIsRefused() {
        assertThat(bearer(TestJwts.issue("grace", List.of("ADMIN"), Duration.ofSeconds(-120)), AUDIT).getStatusCode().value())
                .isEqualTo(401);
        String token = TestJwts.issue("grace", "ADMIN");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        assertThat(bearer(tampered, AUDIT).getStatusCode().value()).isEqualTo(401);
        assertThat(bearer(TestLogins.RESPONDER_API_TOKEN + "x", AUDIT).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aStateChangeFromAnotherSiteIsRefusedEvenWithAValidLogin() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(TestLogins.ADMIN.username(), TestLogins.ADMIN.password());
        headers.set("Sec-Fetch-Site", "cross-site");

        ResponseEntity<String> forged = rest.exchange(AUDIT, HttpMethod.POST, new HttpEntity<>("{}", headers), String.class);

        assertThat(forged.getStatusCode().value()).isEqualTo(403);
        headers.set("Sec-Fetch-Site", "same-origin");
        assertThat(rest.exchange(AUDIT, HttpMethod.POST, new HttpEntity<>("{}", headers), String.class).getStatusCode().value())
                .as("the same request from the service's own pages gets past the check (405: the audit log is read-only)")
                .isEqualTo(405);
    }

    private ResponseEntity<String> bearer(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit(String query) {
        ResponseEntity<Map> answer = TestLogins.ADMIN.on(rest).getForEntity(AUDIT + query, Map.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return (List<Map<String, Object>>) answer.getBody().get("items");
    }
}
