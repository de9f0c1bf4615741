package io.incidents.testsupport;

import io.incidents.infra.LocalKafka;
import io.incidents.infra.LocalPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL and one Kafka broker per test JVM, started on first use.
 *
 * <ul>
 *   <li>Default: embedded (zonky PostgreSQL and an in-JVM KRaft broker); needs nothing installed.</li>
 *   <li>{@code TEST_POSTGRES_URL} (+ {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD}) and
 *       {@code TEST_KAFKA_BOOTSTRAP_SERVERS}: external servers instead, each independently.</li>
 *   <li>{@code -Dinfra=testcontainers}: PostgreSQL and Kafka containers (needs Docker).</li>
 * </ul>
 * Each Spring test context gets a database of its own, so contexts never see each other's rows.
 */
public final class TestInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile TestInfrastructure instance;

    private final String adminJdbcUrl;
    private final String user;
    private final String password;
    private final String kafkaBootstrapServers;

    private TestInfrastructure(String adminJdbcUrl, String user, String password, String kafkaBootstrapServers) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.user = user;
        this.password = password;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static TestInfrastructure start() {
        if ("testcontainers".equals(System.getProperty("infra"))) {
            return ContainerInfrastructure.start();
        }
        String postgresUrl = System.getenv("TEST_POSTGRES_URL");
        String pgUser = envOr("TEST_POSTGRES_USER", LocalPostgres.USER);
        String pgPassword = envOr("TEST_POSTGRES_PASSWORD", "");
        if (postgresUrl == null) {
            postgresUrl = LocalPostgres.startTemporary().jdbcUrl("postgres");
            pgUser = LocalPostgres.USER;
            pgPassword = "";
        }
        String kafka = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (kafka == null) {
            // No shutdown hook: the broker lives in this JVM and its log is temporary; a clean shutdown
            // would only keep the test JVM waiting for its clients.
            kafka = LocalKafka.startTemporary().bootstrapServers();
        }
        return new TestInfrastructure(postgresUrl, pgUser, pgPassword, kafka);
    }

    static TestInfrastructure of(String adminJdbcUrl, String user, String password, String kafkaBootstrapServers) {
        return new TestInfrastructure(adminJdbcUrl, user, password, kafkaBootstrapServers);
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet()).toLowerCase();
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " at " + adminJdbcUrl, e);
        }
        return withDatabase(adminJdbcUrl, name);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The partition count every service expects of incident-events by default. */
    public static final int INCIDENT_EVENTS_PARTITIONS = 6;

    /**
     * Creates these topics as incident-service would (unless they exist): test contexts of the
     * consumers, which never create the topic, start with it in place.
     */
    public void createIncidentEventsTopics(Set<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, INCIDENT_EVENTS_PARTITIONS, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + topics, e);
        }
    }

    /** Replaces the database name in a {@code jdbc:postgresql://host:port/name?params} URL. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String hostPart = jdbcUrl.substring(0, pathStart < 0 ? (query < 0 ? jdbcUrl.length() : query) : pathStart);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return hostPart + "/" + database + params;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
