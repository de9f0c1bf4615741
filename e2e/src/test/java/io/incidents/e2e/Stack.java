package io.incidents.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole system, started once per test JVM by running the repository's own {@code ./stack up
 * --fresh} as a child process, with its data under {@code e2e/target/stack-data} and ports of its
 * own ({@link StackPorts}). {@link EndToEndExtension} starts it before the first end-to-end test
 * class and stops it when the run ends; a shutdown hook stops it too if the JVM exits otherwise,
 * and if the JVM is killed outright, the stack stops when its standard input closes ({@link #GUARD}).
 *
 * <p>The stack is told {@code STACK_NO_BUILD=true}: inside {@code mvn verify} the jars were just
 * packaged, and a missing or stale jar must fail here rather than start a Maven build inside a
 * Maven build.
 */
public final class Stack implements AutoCloseable {

    private static final Duration HEALTH_TIMEOUT =
            Duration.ofSeconds(Long.getLong("e2e.stack.timeout-seconds", 300));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final int LOG_TAIL_LINES = 40;

    /**
     * Runs {@code ./stack up --fresh} and stops it (SIGTERM, on which it stops everything it
     * started) as soon as its standard input closes: when {@link #close} closes it, and also when
     * this JVM dies in a way no shutdown hook sees (SIGKILL), since the system closes it then.
     * Ends with the stack's exit code when the stack ends by itself.
     */
    private static final String GUARD = """
            exec 3<&0
            bash "$1" up --fresh </dev/null &
            stack=$!
            { while read -r -u 3 _; do :; done; kill -TERM "$stack" 2>/dev/null; } &
            watcher=$!
            wait "$stack"
            code=$?
            kill "$watcher" 2>/dev/null
            exit "$code"
            """;

    private static volatile Stack running;

    private final Path repository;
    private final Path dataDir;
    private final Path output;
    private final StackPorts ports;
    private final Process process;
    private final Thread shutdownHook;
    private boolean stopped;

    private Stack(Path repository, Path dataDir, Path output, StackPorts ports, Process process) {
        this.repository = repository;
        this.dataDir = dataDir;
        this.output = output;
        this.ports = ports;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "e2e-stack-stop");
    }

    /** The stack the current test run started; only valid inside an {@link EndToEnd} test. */
    public static Stack running() {
        Stack stack = running;
        if (stack == null) {
            throw new IllegalStateException("no stack is running: annotate the test class with @EndToEnd");
        }
        return stack;
    }

    /** incident-service's base URL (the command API), e.g. {@code http://localhost:20011}. */
    public URI incidentService() {
        return local(ports.incidentService());
    }

    /** timeline-service's base URL (the read API; the dashboard is at {@link #dashboard()}). */
    public URI timelineService() {
        return local(ports.timelineService());
    }

    /** notification-service's base URL (the public status page is at {@code /status}). */
    public URI notificationService() {
        return local(ports.notificationService());
    }

    /** local-auth's base URL, which is also the issuer of every token. */
    public URI auth() {
        return local(ports.auth());
    }

    /** The support dashboard: timeline-service's {@code /}. */
    public URI dashboard() {
        return timelineService().resolve("/");
    }

    /** An HTTP client for incident-service's API, logged in with HTTP Basic. */
    public Api incidentApi(Login login) {
        return new Api(incidentService(), login);
    }

    /** An HTTP client for timeline-service's API, logged in with HTTP Basic. */
    public Api timelineApi(Login login) {
        return new Api(timelineService(), login);
    }

    /** An HTTP client for notification-service's API, logged in with HTTP Basic. */
    public Api notificationApi(Login login) {
        return new Api(notificationService(), login);
    }

    /** Where the stack keeps its data; its services' logs are in {@code logs/} inside it. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The browser reaches everything as {@code localhost}: the issuer names it, and local-auth
     * accepts the dashboard's redirect only to {@code localhost} or {@code 127.0.0.1}.
     */
    private static URI local(int port) {
        return URI.create("http://localhost:" + port);
    }

    static Stack start(Path repository, Path target) {
        Path dataDir = target.resolve("stack-data");
        Path output = target.resolve("stack.log");
        stopLeftovers(dataDir, repository);
        StackPorts ports = StackPorts.pick();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", GUARD, "e2e-stack", repository.resolve("stack").toString())
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(ports.environment());
        env.put("STACK_DATA_DIR", dataDir.toString());
        env.put("STACK_NO_BUILD", "true");
        Process process;
        try {
            Files.createDirectories(target);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + repository.resolve("stack"), e);
        }
        Stack stack = new Stack(repository, dataDir, output, ports, process);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        Instant started = Instant.now();
        log("starting the stack (ports %d-%d, data in %s, output in %s)",
                ports.base(), ports.base() + 15, dataDir, output);
        try {
            stack.awaitHealthy();
        } catch (RuntimeException | Error e) {
            stack.stop();
            throw e;
        }
        log("the stack is healthy after %d s: incident-service %s, timeline-service %s, notification-service %s, local-auth %s",
                Duration.between(started, Instant.now()).toSeconds(), stack.incidentService(), stack.timelineService(),
                stack.notificationService(), stack.auth());
        running = stack;
        return stack;
    }

    private void awaitHealthy() {
        Map<String, URI> health = new LinkedHashMap<>();
        health.put("local-auth", auth().resolve("/actuator/health"));
        health.put("incident-service", incidentService().resolve("/actuator/health"));
        health.put("timeline-service", timelineService().resolve("/actuator/health"));
        health.put("notification-service", notificationService().resolve("/actuator/health"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(HEALTH_TIMEOUT);
        Map<String, String> lastAnswer = new LinkedHashMap<>();
        while (true) {
            health.entrySet().removeIf(service -> {
                String answer = check(http, service.getValue());
                lastAnswer.put(service.getKey(), answer);
                return answer.equals("200");
            });
            if (health.isEmpty()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("./stack up ended with exit code " + process.exitValue()
                        + " before every service was healthy" + diagnostics(health, lastAnswer));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the stack was not healthy within " + HEALTH_TIMEOUT.toSeconds()
                        + " s (-De2e.stack.timeout-seconds to wait longer)" + diagnostics(health, lastAnswer));
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static String check(HttpClient http, URI uri) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return String.valueOf(response.statusCode());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stack", e);
        }
    }

    private String diagnostics(Map<String, URI> waiting, Map<String, String> lastAnswer) {
        StringBuilder text = new StringBuilder("\nnot healthy:");
        waiting.forEach((name, uri) -> text.append("\n  ").append(name).append(' ').append(uri)
                .append(": ").append(lastAnswer.get(name)));
        text.append("\n--- ./stack up output (").append(output).append(") ---\n").append(tail(output));
        Path logs = dataDir.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                    text.append("--- ").append(log).append(" (last ").append(LOG_TAIL_LINES).append(" lines) ---\n")
                            .append(tail(log));
                }
            } catch (IOException e) {
                text.append("(could not list ").append(logs).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")\n";
        }
    }

    /** Stops the stack: SIGTERM to ./stack, which stops the services, local-auth and the infrastructure in turn. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing to remove.
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (running == this) {
            running = null;
        }
        // The services run in sessions of their own (setsid) but are still the script's children.
        List<ProcessHandle> children = process.descendants().toList();
        Instant stopping = Instant.now();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            log("could not tell ./stack to stop (%s); killing it", e);
            process.destroyForcibly();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log("./stack did not stop within %d s; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                log("killing %d (%s), left running by ./stack", child.pid(), child.info().command().orElse("?"));
                child.destroyForcibly();
            }
        }
        stopLeftovers(dataDir, repository);
        log("stopped the stack in %d s", Duration.between(stopping, Instant.now()).toSeconds());
    }

    /**
     * Stops what is still running from the stack's pid files, if it runs a program of this
     * repository: what ./stack leaves behind when it fails half-way (it stops its children on a
     * signal only), or what an earlier run left when its JVM was killed before it could stop its stack.
     */
    private static void stopLeftovers(Path dataDir, Path repository) {
        Path runDir = dataDir.resolve("run");
        if (!Files.isDirectory(runDir)) {
            return;
        }
        String root = repository.toAbsolutePath().normalize().toString();
        List<ProcessHandle> leftovers = new ArrayList<>();
        try (Stream<Path> pidFiles = Files.list(runDir)) {
            for (Path pidFile : pidFiles.filter(f -> f.toString().endsWith(".pid")).toList()) {
                pid(pidFile).flatMap(ProcessHandle::of)
                        .filter(ProcessHandle::isAlive)
                        .filter(process -> process.info().commandLine().orElse("").contains(root))
                        .ifPresent(leftovers::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ProcessHandle leftover : leftovers) {
            log("stopping %d (%s), left running", leftover.pid(), leftover.info().commandLine().orElse("?"));
            leftover.destroy();
        }
        for (ProcessHandle leftover : leftovers) {
            try {
                leftover.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                leftover.destroyForcibly();
            }
        }
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stack", e);
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[e2e] " + String.format(format, args));
    }
}
