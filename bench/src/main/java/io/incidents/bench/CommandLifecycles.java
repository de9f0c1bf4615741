package io.incidents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commands as responders send them, one per call: each client declares an incident, acknowledges
 * it, resolves it, and starts the next. Every command changes one incident, so every open board
 * hears of each (several changes of one incident close together may reach a board as one). The incidents end resolved (off the board), so runs do not make the board grow;
 * SEV4, so they page nobody (the stack's demo contacts get no message from the bench).
 */
final class CommandLifecycles {

    private static final String DECLARE = "{\"title\":\"Bench lifecycle\",\"description\":\"Declared, acknowledged and"
            + " resolved by ./stack bench\",\"severity\":\"SEV4\",\"services\":[\"bench\"]}";
    private static final String RESOLVE = "{\"summary\":\"Resolved by ./stack bench\",\"rootCause\":\"none: a benchmark\"}";
    /** The status the read side shows once it has applied the command of each step (the step done last). */
    private static final String[] STATUS_AFTER = {"RESOLVED", "OPEN", "ACKNOWLEDGED"};
    private static final Duration READ_SIDE_POLL = Duration.ofMillis(50);

    private final HttpClient client;
    private final URI incidents;
    private final URI readSide;
    private final Credentials login;
    private final ObjectMapper json = new ObjectMapper();
    private final String[] incident;
    private final int[] step;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    /**
     * @param readSide timeline-service, where {@link #awaitReadSide} looks for the commands' effect
     * @param login    may send commands and read
     */
    CommandLifecycles(HttpClient client, URI incidentService, URI readSide, Credentials login, int clients) {
        this.client = client;
        this.incidents = incidentService.resolve("/api/v1/incidents");
        this.readSide = readSide;
        this.login = login;
        this.incident = new String[clients];
        this.step = new int[clients];
    }

    /**
     * What an answered command left its incident as.
     *
     * @param status what the read side shows once it has applied the command: OPEN, ACKNOWLEDGED or RESOLVED
     */
    record Change(String incidentId, String status) {
    }

    /** The next command of {@code client}'s current incident; once it is answered, what it did. */
    Change next(int client) throws InterruptedException {
        switch (step[client]) {
            case 0 -> {
                incident[client] = idOf(Http.send(this.client, Http.postJson(incidents, login, DECLARE), 201));
                declared.add(incident[client]);
            }
            case 1 -> Http.send(this.client, Http.post(commandUri(client, "acknowledge"), login), 204);
            default -> Http.send(this.client, Http.postJson(commandUri(client, "resolve"), login, RESOLVE), 204);
        }
        step[client] = (step[client] + 1) % 3;
        return new Change(incident[client], STATUS_AFTER[step[client]]);
    }

    /** Whether {@code incidentId} is one of the incidents these lifecycles declared. */
    boolean declared(String incidentId) {
        return declared.contains(incidentId);
    }

    /** Resolves every incident still under way, so none stays on the board. */
    void finish() throws InterruptedException {
        for (int client = 0; client < step.length; client++) {
            while (step[client] != 0) {
                next(client);
            }
        }
    }

    /**
     * Waits until the read side shows the last command of every client: it has applied what
     * was sent (the events of each incident arrive in order). Call it between rounds, never
     * while clients send.
     *
     * @return when it did ({@link System#nanoTime()})
     */
    long awaitReadSide(Duration patience) throws InterruptedException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        for (int client = 0; client < incident.length; client++) {
            if (incident[client] == null) {
                continue;
            }
            URI uri = readSide.resolve("/api/v1/incidents/" + incident[client]);
            String expected = STATUS_AFTER[step[client]];
            while (!expected.equals(status(uri))) {
                if (System.nanoTime() > giveUpAt) {
                    throw new BenchFailure("timeline-service did not show incident " + incident[client] + " as " + expected
                            + " within " + patience.toSeconds() + " s of the command: is it consuming incident-events?");
                }
                Thread.sleep(READ_SIDE_POLL.toMillis());
            }
        }
        return System.nanoTime();
    }

    private String status(URI uri) throws InterruptedException {
        HttpResponse<byte[]> answer = Http.send(client, Http.get(uri, login), 200, 404);
        if (answer.statusCode() == 404) {
            return null; // declared, not yet on the read side
        }
        try {
            return json.readTree(answer.body()).path("status").asText();
        } catch (IOException e) {
            throw new BenchFailure(uri + " answered no JSON", e);
        }
    }

    private URI commandUri(int client, String command) {
        return incidents.resolve("/api/v1/incidents/" + incident[client] + "/" + command);
    }

    private String idOf(HttpResponse<byte[]> declared) {
        try {
            String id = json.readTree(declared.body()).path("id").asText();
            if (id.isEmpty()) {
                throw new BenchFailure("a declared incident came back without an id");
            }
            return id;
        } catch (IOException e) {
            throw new BenchFailure("a declared incident came back without JSON", e);
        }
    }
}
