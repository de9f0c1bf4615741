package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

/**
 * The public APIs the workload drives, each call retried by {@link RetryingClient} and written to
 * the {@link OperationLog} with the marker its event must carry. POSTs that take an
 * Idempotency-Key get a fresh one per operation, the same on every retry of it.
 */
final class Api {

    /** The integration key of the local stack (SPEC section 9). */
    static final String INTEGRATION_KEY = "local-dev-key";

    private final RetryingClient client;
    private final Targets targets;
    private final Instances incidentService;
    private final String authorization;
    private final OperationLog log;
    private final ObjectMapper json = new ObjectMapper();

    Api(RetryingClient client, Targets targets, String authorization, OperationLog log) {
        this.client = client;
        this.targets = targets;
        this.incidentService = new Instances(targets.incidentService());
        this.authorization = authorization;
        this.log = log;
    }

    /** Declares an incident titled {@code marker}; its id, or null when it was not accepted. */
    String declare(String scenario, String marker, String severity) throws InterruptedException {
        ObjectNode body = json.createObjectNode().put("title", marker).put("severity", severity)
                .put("description", "fault suite workload");
        body.putArray("services").add("checkout");
        Answer answer = post("/api/v1/incidents", body, true);
        String id = answer.accepted() ? field(answer, "id") : null;
        record(scenario, Kind.DECLARE, id, marker, answer);
        return id;
    }

    boolean status(String scenario, String incidentId, String phase, String marker) throws InterruptedException {
        return command(scenario, Kind.STATUS, incidentId, marker, "/status",
                json.createObjectNode().put("status", phase).put("message", marker), true);
    }

    boolean acknowledge(String scenario, String incidentId) throws InterruptedException {
        return command(scenario, Kind.ACKNOWLEDGE, incidentId, incidentId, "/acknowledge", null, false);
    }

    /** Starts a rollback with {@code marker} as its reason; its id, or null. */
    String startRollback(String scenario, String incidentId, String marker) throws InterruptedException {
        ObjectNode body = json.createObjectNode().put("procedure", "A").put("targetVersion", "v1.0.0").put("reason", marker);
        body.putArray("services").add("checkout");
        Answer answer = post("/api/v1/incidents/" + incidentId + "/rollbacks", body, true);
        String rollbackId = answer.accepted() ? field(answer, "rollbackId") : null;
        record(scenario, Kind.ROLLBACK_START, incidentId, marker, answer);
        return rollbackId;
    }

    boolean completeRollback(String scenario, String incidentId, String rollbackId) throws InterruptedException {
        return command(scenario, Kind.ROLLBACK_COMPLETE, incidentId, rollbackId,
                "/rollbacks/" + rollbackId + "/complete", null, false);
    }

    boolean resolve(String scenario, String incidentId, String marker) throws InterruptedException {
        return command(scenario, Kind.RESOLVE, incidentId, marker, "/resolve",
                json.createObjectNode().put("summary", marker), false);
    }

    boolean reopen(String scenario, String incidentId, String marker) throws InterruptedException {
        return command(scenario, Kind.REOPEN, incidentId, marker, "/reopen", json.createObjectNode().put("reason", marker), false);
    }

    /** A PagerDuty Events v2 trigger whose dedup key and summary are {@code marker}: a new incident titled so. */
    boolean alert(String scenario, String marker) throws InterruptedException {
        ObjectNode event = json.createObjectNode().put("routing_key", INTEGRATION_KEY).put("event_action", "trigger")
                .put("dedup_key", marker);
        event.putObject("payload").put("summary", marker).put("source", "fault-suite").put("severity", "warning");
        Answer answer = client.send(() -> RetryingClient.request(incidentService.next().resolve("/v2/enqueue"), authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build());
        record(scenario, Kind.ALERT, null, marker, answer);
        return answer.accepted();
    }

    private boolean command(String scenario, Kind kind, String incidentId, String marker, String path, ObjectNode body,
                            boolean idempotencyKey) throws InterruptedException {
        Answer answer = post("/api/v1/incidents/" + incidentId + path, body, idempotencyKey);
        record(scenario, kind, incidentId, marker, answer);
        return answer.accepted();
    }

    /** One Idempotency-Key for every attempt, whichever instance each goes to: they share the keys in PostgreSQL. */
    private Answer post(String path, ObjectNode body, boolean idempotencyKey) throws InterruptedException {
        String key = idempotencyKey ? UUID.randomUUID().toString() : null;
        return client.send(() -> {
            HttpRequest.Builder request = RetryingClient.request(incidentService.next().resolve(path), authorization);
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            if (body == null) {
                request.POST(HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            return request.build();
        });
    }

    /** GET as the workload's login; the body, or null unless 200. */
    JsonNode get(URI base, String pathAndQuery) throws InterruptedException {
        Answer answer = client.send(RetryingClient.request(base.resolve(pathAndQuery), authorization).GET().build());
        if (answer.status() != 200) {
            return null;
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            return null;
        }
    }

    Targets targets() {
        return targets;
    }

    /** The incident-service instances commands and alerts go to, in turn. */
    Instances incidentService() {
        return incidentService;
    }

    private void record(String scenario, Kind kind, String incidentId, String marker, Answer answer) {
        String summary = answer.status() + " " + (answer.body() == null ? "" : answer.body().substring(0, Math.min(200, answer.body().length())));
        log.add(new Operation(scenario, kind, incidentId, marker, answer.outcome(), summary));
    }

    private String field(Answer answer, String name) {
        try {
            JsonNode node = json.readTree(answer.body());
            return node.path(name).asText(null);
        } catch (IOException e) {
            throw new IllegalStateException("the answer to a command was not JSON: " + answer.body(), e);
        }
    }
}
