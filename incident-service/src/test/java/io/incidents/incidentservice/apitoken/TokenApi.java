package io.incidents.incidentservice.apitoken;

import io.incidents.testsupport.TestLogins;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The token endpoints as an ADMIN test client sees them, and calls made with a token. */
final class TokenApi {

    static final String TOKENS = "/api/v1/admin/tokens";

    private final TestRestTemplate rest;
    private final TestRestTemplate admin;

    TokenApi(TestRestTemplate rest) {
        this.rest = rest;
        this.admin = TestLogins.ADMIN.on(rest);
    }

    /** Creates a token (201 expected) and returns the answer: id, name, role, expiresAt, token. */
    Map<String, Object> create(String name, String role, String expiresAt) {
        ResponseEntity<Map> answer = createRaw(admin, body(name, role, expiresAt));
        if (answer.getStatusCode().value() != 201) {
            throw new AssertionError("creating a token answered " + answer.getStatusCode() + ": " + answer.getBody());
        }
        return answer.getBody();
    }

    ResponseEntity<Map> createRaw(TestRestTemplate as, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as.exchange(TOKENS, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }

    List<Map<String, Object>> list() {
        return (List<Map<String, Object>>) admin.getForEntity(TOKENS, Map.class).getBody().get("items");
    }

    Map<String, Object> listed(String id) {
        return list().stream().filter(item -> id.equals(item.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("token " + id + " is not listed"));
    }

    int revoke(String id) {
        return admin.exchange(TOKENS + "/" + id, HttpMethod.DELETE, null, Void.class).getStatusCode().value();
    }

    /** A call authenticated by {@code Authorization: Bearer <token>}. */
    ResponseEntity<String> call(String token, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        if (json != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return rest.exchange(path, method, new HttpEntity<>(json, headers), String.class);
    }

    /**
     * What a metrics scraper with a METRICS token reads (the metrics list: tests run without the
     * Prometheus export, and the same rule guards both).
     */
    int scrape(String token) {
        return call(token, HttpMethod.GET, "/actuator/metrics", null).getStatusCode().value();
    }

    static Map<String, Object> body(String name, String role, String expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("role", role);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        return body;
    }
}
