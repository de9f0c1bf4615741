package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A full replay of timeline-service asked of two instances at the same moment, while events flow
 * (they share the consumer group's partitions and the database): one must start it and the other
 * refuse with 409, and neither may run a replay while the other's runs. Afterwards the audit finds
 * the read model equal to the store.
 */
final class CoordinatedReplay {

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoordinatedReplay() {
    }

    /**
     * Both accepting is right only if one replay had finished before the other started (a replay
     * of a small topic takes well under a second), which their statuses tell.
     *
     * @return notes (events the replay skipped: the poison records parked earlier) and the broken promise, if any: two replays at once
     */
    static Scenario.Findings run(FaultContext context, URI first, URI second) throws Exception {
        HttpClient http = RetryingClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> onFirst = http.sendAsync(
                replay(context, first).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> onSecond = http.sendAsync(
                replay(context, second).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        List<URI> started = new ArrayList<>();
        for (var answer : List.of(Map.entry(first, onFirst.join()), Map.entry(second, onSecond.join()))) {
            int status = answer.getValue().statusCode();
            if (status == 202 || status == 200) {
                started.add(answer.getKey());
            } else if (status != 409) {
                throw new IllegalStateException("a replay was answered " + status + " " + answer.getValue().body());
            }
        }
        if (started.isEmpty()) {
            throw new IllegalStateException("neither instance started the replay: both answered 409");
        }
        List<String> notes = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        List<JsonNode> completed = new ArrayList<>();
        for (URI instance : started) {
            completed.add(awaitCompleted(context, http, instance, notes));
        }
        if (completed.size() == 2) {
            if (overlapped(completed.get(0), completed.get(1))) {
                broken.add("both instances ran a replay at the same time: " + completed);
            } else {
                Say.line("both instances replayed, one after the other: the first had finished before the second was asked");
            }
        }
        return new Scenario.Findings(0, 0, notes, broken);
    }

    private static JsonNode awaitCompleted(FaultContext context, HttpClient http, URI instance, List<String> notes) throws Exception {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode status = JSON.readTree(http.send(replay(context, instance).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String state = status.path("state").asText();
            if (state.equals("COMPLETED")) {
                Say.line("replay on %s completed: %s events, %s skipped", instance, status.path("eventsDone").asText(),
                        status.path("eventsSkipped").asText());
                if (status.path("eventsSkipped").asLong() > 0) {
                    notes.add("the replay skipped " + status.path("eventsSkipped").asLong() + " events");
                }
                return status;
            }
            if (state.equals("FAILED") || System.nanoTime() > giveUpAt) {
                throw new IllegalStateException("the replay ended " + state + ": " + status);
            }
            Thread.sleep(500);
        }
    }

    /** Whether two replays ran at once: neither finished before the other started. */
    static boolean overlapped(JsonNode one, JsonNode other) {
        return !finishedBeforeStart(one, other) && !finishedBeforeStart(other, one);
    }

    private static boolean finishedBeforeStart(JsonNode earlier, JsonNode later) {
        return Instant.parse(earlier.path("finishedAt").asText()).isBefore(Instant.parse(later.path("startedAt").asText()));
    }

    private static HttpRequest.Builder replay(FaultContext context, URI instance) {
        return RetryingClient.request(instance.resolve("/api/v1/admin/replay"), context.admin());
    }
}
