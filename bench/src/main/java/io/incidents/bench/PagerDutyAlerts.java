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
        send(triggerRequest(enqueue, dedupKey, "critical"));
    }

    void resolve(String dedupKey) throws InterruptedException {
        send(request(enqueue, event("resolve", dedupKey)));
    }

    /** A trigger to {@code endpoint} ({@code /v2/enqueue}, or a stand-in for it), titled after its dedup key. */
    HttpRequest triggerRequest(URI endpoint, String dedupKey, String severity) {
        ObjectNode event = event("trigger", dedupKey);
        event.putObject("payload").put("summary", "Bench alert " + dedupKey).put("source", "bench").put("severity", severity);
        return request(endpoint, event);
    }

    private ObjectNode event(String action, String dedupKey) {
        return json.createObjectNode().put("routing_key", STACK_INTEGRATION_KEY).put("event_action", action)
                .put("dedup_key", dedupKey);
    }

    private static HttpRequest request(URI endpoint, ObjectNode event) {
        return HttpRequest.newBuilder(endpoint).timeout(Http.TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build();
    }

    /** Sends {@code request}, failing the run unless it is answered 202; a 429 says how to lift the limit. */
    void send(HttpRequest request) throws InterruptedException {
        if (Http.send(http, request, 202, 429).statusCode() == 429) {
            throw new BenchFailure(request.uri() + " answered 429: the integration's rate limit. Start the stack with"
                    + " INCIDENTS_ALERTING_RATELIMITPERMINUTE=1000000, or let ./stack bench start a stack of its own");
        }
    }
}
