package io.incidents.timelineservice;

import io.incidents.testsupport.TestLogins;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The read API as a logged-in test client sees it: a VIEWER, or whom the test names. */
public final class ReadApi {

    private final TestRestTemplate rest;

    public ReadApi(TestRestTemplate rest) {
        this(rest, TestLogins.VIEWER);
    }

    public ReadApi(TestRestTemplate rest, TestLogins.Login login) {
        this.rest = login.on(rest);
    }

    public ResponseEntity<Map> get(String path) {
        return rest.getForEntity(path, Map.class);
    }

    public ResponseEntity<String> getText(String path, String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    public ResponseEntity<Map> post(String path, Object body) {
        return rest.postForEntity(path, body, Map.class);
    }

    /** Waits until the incident's timeline holds {@code events} entries (the consumer is asynchronous). */
    public void awaitEvents(String incidentId, int events) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ResponseEntity<Map> timeline = get("/api/v1/incidents/" + incidentId + "/timeline");
            return timeline.getStatusCode().is2xxSuccessful()
                    && ((java.util.List<?>) timeline.getBody().get("entries")).size() >= events;
        });
    }
}
