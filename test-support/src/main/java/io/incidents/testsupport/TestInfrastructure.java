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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One PostgreSQL and one Kafka broker per test JVM, started on first use.
 *
 * <ul>
 *   <li>Default: embedded (zonky PostgreSQL and an in-JVM KRaft broker); needs nothing installed.</li>
 *   <li>{@code TEST_POSTGRES_URL} (+ {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD}) and
 *       {@code TEST_KAFKA_BOOTSTRAP_SERVERS}: external servers instead, each independently.</li>
 *   <li>{@code -Dinfra=testcontainers}: PostgreSQL and Kafka containers (needs Docker).</li>
 * </ul>
 * Each Spring test context gets a database of its own, so contexts never see each other's rows,
 * owned by a role of its own and used by the service as another, least-privileged role
 * ({@link #newLeastPrivilegeDatabase}), as in production (docs/deploy-postgres.md).
 */
public final class TestInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** The test roles' password: any will do, as long as it is nowhere else. */
    private static final String ROLE_PASSWORD = UUID.randomUUID().toString().replace("-", "");
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

    /** Creates an empty database, to be used as {@link #user()}, and returns its JDBC URL. */
    public String newDatabase(String prefix) {
        String name = newName(prefix);
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " at " + adminJdbcUrl, e);
        }
        return withDatabase(adminJdbcUrl, name);
    }

    /**
     * A database and its two roles, as docs/deploy-postgres.md sets up a service's: the owner's
     * ({@code <name>_owner}, which owns the database and its public schema: Flyway's migrations
     * and the replay's DDL) and the runtime role ({@code <name>_app}, which may connect, nothing
     * more until the owner's grant script has run).
     */
    public record Database(String url, String ownerUser, String ownerPassword, String runtimeUser, String runtimePassword) {
    }

    /** Creates an empty database with an owner role and a runtime role of its own. */
    public Database newLeastPrivilegeDatabase(String prefix) {
        String name = newName(prefix);
        String owner = name + "_owner";
        String runtime = name + "_app";
        // PgJDBC lets a user named in the URL (zonky's URLs name the superuser) win over the login given.
        String url = withoutLogin(withDatabase(adminJdbcUrl, name));
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
            statement.execute("CREATE ROLE " + runtime + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + owner);
            statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
            statement.execute("GRANT CONNECT ON DATABASE " + name + " TO " + runtime);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " and its roles at " + adminJdbcUrl
                    + " (the test user needs CREATEROLE and CREATEDB)", e);
        }
        // The public schema belongs to the database's owner (as from PostgreSQL 15 on). Its CREATE for
        // every role, which PostgreSQL 14 still has, is left in place: the grant script takes it away.
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER SCHEMA public OWNER TO " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("could not hand test database " + name + "'s schema to " + owner, e);
        }
        return new Database(url, owner, ROLE_PASSWORD, runtime, ROLE_PASSWORD);
    }

    private static String newName(String prefix) {
        return (prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet()).toLowerCase();
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

    /** The URL without {@code user} and {@code password} parameters. */
    static String withoutLogin(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String params = Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(param -> !param.startsWith("user=") && !param.startsWith("password="))
                .collect(Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (params.isEmpty() ? "" : "?" + params);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
