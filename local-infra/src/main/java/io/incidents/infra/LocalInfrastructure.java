package io.incidents.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure process of {@code ./stack up}: PostgreSQL and a Kafka broker whose data
 * both live under one data directory, so stopping and starting the stack keeps every incident
 * and every record; plus the demo sinks (a webhook receiver and an SMTP server, system properties
 * {@code sink.port} and {@code smtp.port}) that the local notification contacts deliver to.
 * Runs until it receives SIGTERM or SIGINT, then stops everything cleanly.
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

        Path postgresDir = Files.createDirectories(dataDir.resolve("postgres"));
        Path kafkaDir = Files.createDirectories(dataDir.resolve("kafka"));

        LocalPostgres postgres = LocalPostgres.startPersistent(postgresDir, postgresPort);
        databases.forEach(postgres::ensureDatabase);
        LocalKafka kafka = LocalKafka.start(kafkaDir, kafkaPort, controllerPort);
        int sinkPort = Integer.getInteger("sink.port", 8089);
        int smtpPort = Integer.getInteger("smtp.port", 2525);
        DemoSinks sinks = DemoSinks.start(sinkPort, smtpPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sinks.close();
                kafka.close();
                postgres.close();
            } catch (Exception e) {
                System.err.println("infrastructure did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "local-infrastructure-shutdown"));

        System.out.println("READY postgres=" + postgres.jdbcUrl("postgres") + " kafka=" + kafka.bootstrapServers()
                + " sink=http://127.0.0.1:" + sinkPort + " smtp=127.0.0.1:" + smtpPort);
        stopped.await();
    }
}
