package io.incidents.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The faults themselves, done by {@code ./stack fault ...} on the stack this run started (the
 * script knows each process, its pid, its settings and its log): kill -9 a service, start it
 * again, stop and start PostgreSQL or the broker, stall PostgreSQL (SIGSTOP) and let it go on.
 */
final class StackControl {

    private final Path script;

    StackControl(Path script) {
        this.script = script;
    }

    void kill(String name) throws InterruptedException {
        run("kill", name);
    }

    /** Starts a service (or a further instance of it, under {@code name} on {@code port}) and waits until it is healthy. */
    void start(String service, String... nameAndPort) throws InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("start", service));
        arguments.addAll(List.of(nameAndPort));
        run(arguments.toArray(String[]::new));
    }

    /**
     * The pid of a process the script started, from its pid file in the stack's data folder
     * ({@code STACK_DATA_DIR}, which the script gives the suite); empty when it is not running.
     */
    Optional<Long> pidOf(String name) {
        String dataDir = System.getenv("STACK_DATA_DIR");
        if (dataDir == null) {
            throw new IllegalStateException("STACK_DATA_DIR is not set: the suite runs under ./stack faults");
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(Path.of(dataDir, "run", name + ".pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void stop(String name) throws InterruptedException {
        run("stop", name);
    }

    /** {@code postgres} or {@code kafka}: stopped cleanly, as by an operator or an orchestrator. */
    void stopInfrastructure(String part) throws InterruptedException {
        run("infra-stop", part);
    }

    void startInfrastructure(String part) throws InterruptedException {
        run("infra-start", part);
    }

    /** Freezes every PostgreSQL process: connections stay open and nothing answers. */
    void stallPostgres() throws InterruptedException {
        run("postgres-stall");
    }

    void resumePostgres() throws InterruptedException {
        run("postgres-resume");
    }

    private void run(String... arguments) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString(), "fault"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        }
    }
}
