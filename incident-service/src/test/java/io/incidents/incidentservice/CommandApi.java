package io.incidents.incidentservice;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

/** The command API as a test client sees it: JSON in, JSON or problem+json out. */
public final class CommandApi {

    public static final String USER = "alice";
    public static final String PASSWORD = "responder-secret";

    private final TestRestTemplate rest;

    public CommandApi(TestRestTemplate rest) {
        this.rest = rest.withBasicAuth(USER, PASSWORD);
    }

    public String declare(String title, String severity, String... services) {
        ResponseEntity<Map> response = post("/api/v1/incidents",
                Map.of("title", title, "severity", severity, "services", services));
        if (response.getStatusCode().value() != 201) {
            throw new AssertionError("declare answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return (String) response.getBody().get("id");
    }

    public ResponseEntity<Map> post(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    public ResponseEntity<Map> postRaw(String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.postForEntity(path, new HttpEntity<>(json, headers), Map.class);
    }
}
