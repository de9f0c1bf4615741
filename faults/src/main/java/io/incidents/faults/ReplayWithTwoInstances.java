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

/**
 * A full replay of timeline-service while events flow, with a second instance running beside the
 * first (sharing the consumer group's partitions and the database): the second must refuse a
 * replay of its own while one runs, and afterwards the read model must equal the store.
 */
final class ReplayWithTwoInstances implements Scenario {

    static final String SECOND = "timeline-service-2";
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI first;
    private final URI second;
    private final List<String> notes = new ArrayList<>();
    private long refusedWrongly;

    ReplayWithTwoInstances(URI first, int secondPort) {
        this.first = first;
        this.second = URI.create("http://127.0.0.1:" + secondPort);
    }

    @Override
    public String name() {
        return "replay, 2 timeline instances";
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        context.stack().start("timeline-service", SECOND, Integer.toString(second.getPort()));
        context.timersDueSoon();
        HttpClient http = RetryingClient.newHttpClient();
        HttpResponse<String> started = http.send(replay(context, first).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202 && started.statusCode() != 200) {
            throw new IllegalStateException("the replay did not start: " + started.statusCode() + " " + started.body());
        }
        HttpResponse<String> other = http.send(replay(context, second).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (other.statusCode() != 409) {
            refusedWrongly++;
            notes.add("a second replay on the other instance was answered " + other.statusCode() + ", not 409");
        }
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode status = JSON.readTree(http.send(replay(context, first).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String state = status.path("state").asText();
            if (state.equals("COMPLETED")) {
                Say.line("replay completed: %s events, %s skipped", status.path("eventsDone").asText(), status.path("eventsSkipped").asText());
                if (status.path("eventsSkipped").asLong() > 0) {
                    notes.add("the replay skipped " + status.path("eventsSkipped").asLong() + " events");
                }
                return Instant.now();
            }
            if (state.equals("FAILED") || System.nanoTime() > giveUpAt) {
                throw new IllegalStateException("the replay ended " + state + ": " + status);
            }
            Thread.sleep(500);
        }
    }

    @Override
    public Findings verify(FaultContext context) {
        return new Findings(0, refusedWrongly, List.copyOf(notes));
    }

    @Override
    public void cleanUp(FaultContext context) throws Exception {
        context.stack().stop(SECOND);
    }

    private static HttpRequest.Builder replay(FaultContext context, URI instance) {
        return RetryingClient.request(instance.resolve("/api/v1/admin/replay"), context.admin());
    }
}
