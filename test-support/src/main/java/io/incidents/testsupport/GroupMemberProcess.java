package io.incidents.testsupport;

import ch.qos.logback.classic.Level;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A consumer group member in a JVM of its own, so a test can kill it the way a crash does
 * ({@code kill -9}: no LeaveGroup, no more heartbeats) and see what the rest of the group does.
 * It subscribes to one topic with the consumer settings it is given and prints each change of
 * its assignment.
 */
public final class GroupMemberProcess implements AutoCloseable {

    private static final String ASSIGNED = "ASSIGNED ";
    /** A member whose test JVM died without killing it does not outlive it by long. */
    private static final Duration LIFETIME = Duration.ofMinutes(3);

    private final Process process;
    private volatile int assigned = -1;

    private GroupMemberProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readAssignments, "group-member-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a member of {@code config}'s group on {@code topic}; {@code config} as a consumer factory holds it. */
    public static GroupMemberProcess start(String topic, Map<String, Object> config) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), GroupMemberProcess.class.getName(), topic));
        config.forEach((key, value) -> command.add(key + "=" + asText(value)));
        try {
            return new GroupMemberProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the member holds exactly {@code partitions} partitions. */
    public void awaitAssigned(int partitions, Duration atMost) {
        await().atMost(atMost).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the group member process ended with " + process.exitValue());
            }
            return assigned == partitions;
        });
    }

    /** Ends the process at once, as {@code kill -9} does. */
    public void crash() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        crash();
    }

    private void readAssignments() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(ASSIGNED)) {
                    assigned = Integer.parseInt(line.substring(ASSIGNED.length()).trim());
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private static String asText(Object value) {
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(GroupMemberProcess::asText).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** The member itself: {@code <topic> <key=value>...}. */
    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, Object> config = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            config.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        Instant end = Instant.now().plus(LIFETIME);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(args[0]));
            int told = -1;
            while (Instant.now().isBefore(end)) {
                consumer.poll(Duration.ofMillis(200));
                int now = consumer.assignment().size();
                if (now != told) {
                    System.out.println(ASSIGNED + now);
                    System.out.flush();
                    told = now;
                }
            }
        }
    }
}
