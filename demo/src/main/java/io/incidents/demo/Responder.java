package io.incidents.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live demo does, through the same public APIs a person or a monitoring system uses: the
 * command API as the stack's responder login, the three alert formats with the integration key,
 * and the read API to find the incident an alert opened.
 */
final class Responder {

    /** Why a scenario cannot go on (its incident did not appear, a service is away). */
    static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message);
        }
    }

    private static final String INCIDENTS = "/api/v1/incidents";

    private final Api api;
    private final DemoOptions options;
    private final String label;

    Responder(Api api, DemoOptions options, String label) {
        this.api = api;
        this.options = options;
        this.label = label;
    }

    String declare(String title, String description, String severity, List<String> services) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "severity", severity, "services", services));
        body.put("description", description);
        Api.Answer answer = command(INCIDENTS, body, "declare");
        String id = answer.text("id");
        if (id == null) {
            throw new Stopped("declaring '" + title + "' answered " + answer.status() + ": " + answer.body());
        }
        Say.say("%s: declared %s %s (%s)", label, severity, id, title);
        return id;
    }

    void acknowledge(String id) {
        command(INCIDENTS + "/" + id + "/acknowledge", Map.of(), "acknowledge");
    }

    void status(String id, String phase, String message) {
        command(INCIDENTS + "/" + id + "/status", Map.of("status", phase, "message", message), "status " + phase);
    }

    /** The first public post: what customers see as the title and the affected components (SPEC 6). */
    void publish(String id, String phase, String message, String publicTitle, List<String> components) {
        command(INCIDENTS + "/" + id + "/status", Map.of("status", phase, "message", message, "publicTitle", publicTitle,
                "components", components), "status " + phase);
    }

    void role(String id, String role, String person) {
        command(INCIDENTS + "/" + id + "/roles", Map.of("role", role, "person", person), role + " " + person);
    }

    String startRollback(String id, String procedure, List<String> services, String targetVersion, String reason) {
        Api.Answer answer = command(INCIDENTS + "/" + id + "/rollbacks", Map.of("procedure", procedure, "services", services,
                "targetVersion", targetVersion, "reason", reason), "rollback " + procedure + " started");
        return answer.text("rollbackId");
    }

    void completeRollback(String id, String rollbackId) {
        if (rollbackId != null) {
            command(INCIDENTS + "/" + id + "/rollbacks/" + rollbackId + "/complete", Map.of(), "rollback completed");
        }
    }

    void failRollback(String id, String rollbackId, String reason) {
        if (rollbackId != null) {
            command(INCIDENTS + "/" + id + "/rollbacks/" + rollbackId + "/fail", Map.of("reason", reason), "rollback failed");
        }
    }

    void escalate(String id, String reason) {
        command(INCIDENTS + "/" + id + "/escalate", Map.of("reason", reason), "escalated by hand");
    }

    void severity(String id, String severity, String reason) {
        command(INCIDENTS + "/" + id + "/severity", Map.of("severity", severity, "reason", reason), "severity " + severity);
    }

    void resolve(String id, String summary, String rootCause) {
        command(INCIDENTS + "/" + id + "/resolve", Map.of("summary", summary, "rootCause", rootCause), "resolved");
    }

    void reopen(String id, String reason) {
        command(INCIDENTS + "/" + id + "/reopen", Map.of("reason", reason), "reopened");
    }

    void actionItem(String id, String text, String owner, int dueInDays) {
        command(INCIDENTS + "/" + id + "/action-items", Map.of("text", text, "owner", owner,
                "due", LocalDate.now().plusDays(dueInDays).toString()), "action item for " + owner);
    }

    /** Native alert ({@code POST /api/v1/alerts}), the key as Bearer. */
    void nativeAlert(Map<String, Object> alert) {
        alert("/api/v1/alerts", alert, "native alert " + alert.get("status"));
    }

    /** Prometheus Alertmanager webhook, payload version 4, the key as Bearer. */
    void alertmanager(Map<String, Object> payload) {
        alert("/api/v1/integrations/alertmanager", payload, "Alertmanager " + payload.get("status"));
    }

    /** PagerDuty Events API v2: the key is the body's routing_key. */
    void pagerDuty(String action, String dedupKey, Map<String, Object> payload) {
        Map<String, Object> event = new HashMap<>(Map.of("routing_key", options.integrationKey(), "event_action", action,
                "dedup_key", dedupKey));
        if (payload != null) {
            event.put("payload", payload);
        }
        Api.Answer answer = api.post(options.incidentService(), "/v2/enqueue", Map.of(), event, Duration.ofSeconds(30));
        report(answer, "PagerDuty " + action);
    }

    /** The incident an alert opened, once the read side has it: matched on its dedup key. */
    String incidentOf(String dedupKey, String service, Instant sentAt) {
        String since = sentAt.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int attempt = 0; attempt < 60; attempt++) {
            Api.Answer list = api.get(options.timelineService(), INCIDENTS + "?service=" + Api.query(service)
                    + "&declaredFrom=" + Api.query(since) + "&size=100", options.responder());
            for (JsonNode item : list.body().path("items")) {
                String id = item.path("id").asText();
                Api.Answer detail = api.get(options.timelineService(), INCIDENTS + "/" + id, options.responder());
                if (dedupKey.equals(detail.body().path("source").path("dedupKey").asText(null))) {
                    Say.say("%s: the alert opened %s %s (%s)", label, detail.text("severity"), id, detail.text("title"));
                    return id;
                }
            }
            pause(1);
        }
        throw new Stopped("no incident appeared for alert " + dedupKey + " within a minute");
    }

    private void alert(String path, Map<String, Object> body, String what) {
        Api.Answer answer = api.post(options.incidentService(), path,
                Map.of("Authorization", "Bearer " + options.integrationKey()), body, Duration.ofSeconds(30));
        report(answer, what);
    }

    private Api.Answer command(String path, Object body, String what) {
        Api.Answer answer = api.post(options.incidentService(), path, options.responder(), body);
        report(answer, what);
        return answer;
    }

    private void report(Api.Answer answer, String what) {
        if (answer.status() == 0) {
            throw new Stopped(what + ": incident-service cannot be reached (" + answer.body().asText() + ")");
        }
        if (answer.ok()) {
            Say.say("%s: %s", label, what);
        } else {
            Say.say("%s: %s was refused: %d %s", label, what, answer.status(),
                    answer.body().path("detail").asText(answer.body().toString()));
        }
    }

    static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped("interrupted");
        }
    }
}
