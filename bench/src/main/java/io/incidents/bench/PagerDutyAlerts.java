package io.incidents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * PagerDuty Events v2 to incident-service with the stack's integration key: a trigger opens an
 * incident titled by its summary, a resolve with the same dedup key resolves it (the stack's
 * integration auto-resolves). A refusal (a 429 from the integration's rate limit, a 400) fails
 * the run: an alert refused is not part of any figure.
 */
final class PagerDutyAlerts {

    /** The integration key of {@code ./stack up}'s local-dev integration. */
    static final String STACK_INTEGRATION_KEY = "local-dev-key";

    private final HttpClient http;
    private final URI enqueue;
    private final ObjectMapper json = new ObjectMapper();

    PagerDutyAlerts(HttpClient http, URI incidentService) {
        this.http = http;
        this.enqueue = incidentService.resolve("/v2/enqueue");
    }

    /** A critical alert (SEV1: every level-1 contact, support and the webhooks are told). */
    void trigger(String dedupKey) throws InterruptedException {
        ObjectNode event = event("trigger", dedupKey);
        event.putObject("payload").put("summary", "Bench storm " + dedupKey).put("source", "bench").put("severity", "critical");
        send(event);
    }

    void resolve(String dedupKey) throws InterruptedException {
        send(event("resolve", dedupKey));
    }

    private ObjectNode event(String action, String dedupKey) {
        return json.createObjectNode().put("routing_key", STACK_INTEGRATION_KEY).put("event_action", action)
                .put("dedup_key", dedupKey);
    }

    private void send(ObjectNode event) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(enqueue).timeout(Http.TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build();
        try {
            Http.send(http, request, 202);
        } catch (BenchFailure e) {
            throw new BenchFailure(e.getMessage() + (e.getMessage().contains(" 429 ")
                    ? " (the integration's rate limit: start the stack with INCIDENTS_ALERTING_RATELIMITPERMINUTE=1000000,"
                    + " or let ./stack bench start a stack of its own)" : ""), e);
        }
    }
}
