package io.incidents.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure process of {@code ./stack up}: PostgreSQL and a Kafka broker whose data
 * both live under one data directory, so stopping and starting the stack keeps every incident
 * and every record; plus the demo sinks (a webhook receiver and an SMTP server, system properties
 * {@code sink.port} and {@code smtp.port}) that the local notification contacts deliver to.
 * Runs until it receives SIGTERM or SIGINT, then stops everything cleanly.
 *
 * <p>The system property {@code infra.parts} (default {@code postgres,kafka,sinks}) picks what this
 * process runs: the fault suite runs PostgreSQL and the broker as separate processes, so that
 * each can be stopped, stalled or restarted alone, and brings sinks of its own.
 *
 * <p>Usage: {@code LocalInfrastructure <data-dir> <postgres-port> <kafka-port> <kafka-controller-port> <database>...}
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LocalInfrastructure <data-dir> <postgres-port> <kafka-port> <kafka-controller-port> <database>...");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int postgresPort = Integer.parseInt(args[1]);
        int kafkaPort = Integer.parseInt(args[2]);
        int controllerPort = Integer.parseInt(args[3]);
        List<String> databases = List.of(args).subList(4, args.length);

        Set<String> parts = Set.of(System.getProperty("infra.parts", "postgres,kafka,sinks").split(","));
        // Started in this order, stopped in the reverse one: what depends on another part stops first.
        Deque<AutoCloseable> started = new ArrayDeque<>();
        StringBuilder ready = new StringBuilder("READY");
        if (parts.contains("postgres")) {
            LocalPostgres postgres = LocalPostgres.startPersistent(Files.createDirectories(dataDir.resolve("postgres")), postgresPort);
            databases.forEach(postgres::ensureDatabase);
            started.push(postgres);
            ready.append(" postgres=").append(postgres.jdbcUrl("postgres"));
        }
        if (parts.contains("kafka")) {
            LocalKafka kafka = LocalKafka.start(Files.createDirectories(dataDir.resolve("kafka")), kafkaPort, controllerPort);
            started.push(kafka);
            ready.append(" kafka=").append(kafka.bootstrapServers());
        }
        if (parts.contains("sinks")) {
            int sinkPort = Integer.getInteger("sink.port", 8089);
            int smtpPort = Integer.getInteger("smtp.port", 2525);
            started.push(DemoSinks.start(sinkPort, smtpPort));
            ready.append(" sink=http://127.0.0.1:").append(sinkPort).append(" smtp=127.0.0.1:").append(smtpPort);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                for (AutoCloseable part : started) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("infrastructure did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "local-infrastructure-shutdown"));

        System.out.println(ready);
        stopped.await();
    }
}
