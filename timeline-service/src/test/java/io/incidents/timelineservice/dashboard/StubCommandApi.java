package io.incidents.timelineservice.dashboard;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for incident-service and notification-service in the dashboard's tests: records each
 * call (method, path, Authorization header, body) and answers what the test told it to: one
 * answer for every path, or one per path for a page that asks several.
 */
public final class StubCommandApi implements AutoCloseable {

    public record Call(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile String answer = "";
    /** Answers for one path (without its query), ahead of the answer for every path; a negative status hangs up. */
    private final Map<String, Answer> byPath = new ConcurrentHashMap<>();

    private record Answer(int status, String body) {
    }

    public StubCommandApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            calls.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer given = byPath.getOrDefault(exchange.getRequestURI().getRawPath(), new Answer(this.status, this.answer));
            if (given.status() < 0) {
                exchange.close();
                return;
            }
            int status = given.status();
            byte[] bytes = given.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    /** The answer to calls of {@code path} (its query aside), whatever the answer for every other path. */
    public void answer(String path, int status, String body) {
        byPath.put(path, new Answer(status, body));
    }

    /** Calls of {@code path} get no answer: the connection is closed, as by a service that cannot be reached. */
    public void hangUp(String path) {
        byPath.put(path, new Answer(-1, ""));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void reset() {
        calls.clear();
        byPath.clear();
        answer(204, "");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
