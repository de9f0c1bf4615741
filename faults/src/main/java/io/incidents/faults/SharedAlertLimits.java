package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Alert dedup and the per-integration rate limit across incident-service instances. An
 * integration of the run's own, limited to 1 alert a minute (so its bucket holds one payload, 200
 * alerts, and barely refills meanwhile), gets 300 triggers with one dedup key, sent at once by 8
 * clients to the instances in turn, each sent once. In all, no more than the one bucket holds may
 * be taken (a limiter per instance would take them all), and they must make one incident.
 */
final class SharedAlertLimits {

    static final int LIMIT_PER_MINUTE = 1;
    /** incident-service's default incidents.alerting.max-alerts-per-payload: the smallest bucket. */
    static final int BUCKET = 200;
    static final int TRIGGERS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedAlertLimits() {
    }

    /** What was not as promised, in words; empty when both held. */
    static List<String> check(FaultContext context, List<URI> instances, String marker) throws Exception {
        HttpClient http = RetryingClient.newHttpClient();
        String key = createIntegration(context, http, instances.get(0), marker);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Map<Integer, Integer> answers = new TreeMap<>();
        long started = System.nanoTime();
        try {
            List<Future<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < TRIGGERS; i++) {
                URI instance = instances.get(i % instances.size());
                sends.add(clients.submit(() -> trigger(http, instance, key, marker)));
            }
            for (Future<Integer> send : sends) {
                answers.merge(send.get(), 1, Integer::sum);
            }
        } finally {
            clients.shutdownNow();
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        List<String> broken = new ArrayList<>();
        int refused = answers.getOrDefault(429, 0);
        // What took tokens: taken (202), or taken and then lost a race to another instance on the incident (503, sent again by a real client).
        int taken = answers.getOrDefault(202, 0) + answers.getOrDefault(503, 0);
        long allowed = BUCKET + (long) Math.ceil(minutes * LIMIT_PER_MINUTE);
        Say.line("rate limit across %d instances: %d triggers answered %s; %d took tokens of at most %d", instances.size(), TRIGGERS,
                answers, taken, allowed);
        if (taken > allowed) {
            broken.add(taken + " alerts of one key were taken across the instances, more than its bucket holds (" + allowed + ")");
        }
        if (refused == 0 || answers.getOrDefault(202, 0) == 0) {
            broken.add("the rate-limit check proved nothing: answers " + answers);
        }
        if (answers.keySet().stream().anyMatch(status -> status != 202 && status != 503 && status != 429)) {
            broken.add("alerts answered other than 202, 429 or 503: " + answers);
        }
        long incidents = incidentsTitled(context.databases(), marker);
        if (incidents != 1) {
            broken.add(incidents + " incidents for one dedup key sent to " + instances.size() + " instances, not 1");
        }
        return broken;
    }

    private static String createIntegration(FaultContext context, HttpClient http, URI instance, String marker) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", "limited-" + Math.abs(marker.hashCode())).put("defaultService", "checkout")
                .put("rateLimitPerMinute", LIMIT_PER_MINUTE);
        HttpResponse<String> created = http.send(RetryingClient.request(instance.resolve("/api/v1/admin/integrations"), context.admin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("no integration for the rate-limit check: " + created.statusCode() + " " + created.body());
        }
        JsonNode answer = JSON.readTree(created.body());
        return answer.path("key").asText();
    }

    /** One PagerDuty trigger, sent once: its status, or -1 when no answer came. */
    private static int trigger(HttpClient http, URI instance, String key, String marker) throws InterruptedException {
        ObjectNode event = JSON.createObjectNode().put("routing_key", key).put("event_action", "trigger").put("dedup_key", marker);
        event.putObject("payload").put("summary", marker).put("source", "fault-suite").put("severity", "warning");
        try {
            return http.send(HttpRequest.newBuilder(instance.resolve("/v2/enqueue")).timeout(RetryingClient.REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Incidents declared with {@code title}, in the event store. */
    private static long incidentsTitled(Databases databases, String title) throws SQLException {
        try (Connection connection = databases.open(Databases.INCIDENTS);
             PreparedStatement query = connection.prepareStatement("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry"
                     + " WHERE sequence_number = 0 AND convert_from(payload, 'UTF8')::jsonb ->> 'title' = ?")) {
            query.setString(1, title);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
