package io.incidents.testsupport;

import io.incidents.infra.LocalKafka;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker in this JVM secured as production's should be (docs/deploy-kafka.md):
 * clients connect on a SASL_SSL listener and authenticate with SCRAM-SHA-512, over TLS with a
 * certificate from a private CA made at test time; Kafka's StandardAuthorizer refuses whatever
 * no ACL allows. A second, PLAINTEXT listener on 127.0.0.1, whose anonymous principal is the
 * super user (as is the controller's), is where the test creates users and ACLs, as an operator
 * would with an admin principal.
 */
public final class SecuredKafka implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String SECURE_LISTENER = "SASL_SSL";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final LocalKafka broker;
    private final int securePort;
    private final TestCertificates certificates;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private SecuredKafka(LocalKafka broker, int securePort, TestCertificates certificates) {
        this.broker = broker;
        this.securePort = securePort;
        this.certificates = certificates;
    }

    /** A broker with a temporary log directory and certificates. */
    public static SecuredKafka start() {
        try {
            Path dir = Files.createTempDirectory("secured-kafka-");
            dir.toFile().deleteOnExit();
            TestCertificates certificates = TestCertificates.create(Files.createDirectory(dir.resolve("tls")));
            int internalPort = LocalKafka.freePort();
            int controllerPort = LocalKafka.freePort();
            int securePort = LocalKafka.freePort();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("listeners", "PLAINTEXT://127.0.0.1:" + internalPort + "," + SECURE_LISTENER + "://127.0.0.1:" + securePort
                    + ",CONTROLLER://127.0.0.1:" + controllerPort);
            settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + internalPort + "," + SECURE_LISTENER + "://127.0.0.1:" + securePort);
            settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT," + SECURE_LISTENER + ":SASL_SSL");
            String listener = "listener.name." + SECURE_LISTENER.toLowerCase() + ".";
            settings.put(listener + "sasl.enabled.mechanisms", MECHANISM);
            settings.put(listener + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            settings.put(listener + "ssl.keystore.location", certificates.keystore().toString());
            settings.put(listener + "ssl.keystore.password", certificates.password());
            settings.put(listener + "ssl.key.password", certificates.password());
            settings.put(listener + "ssl.keystore.type", "PKCS12");
            settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            settings.put("allow.everyone.if.no.acl.found", "false");
            // The controller and the internal listener (this JVM only) are PLAINTEXT: anonymous.
            settings.put("super.users", "User:ANONYMOUS");
            LocalKafka broker = LocalKafka.start(Files.createDirectory(dir.resolve("log")), internalPort, controllerPort, settings);
            return new SecuredKafka(broker, securePort, certificates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SASL_SSL listener, for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + securePort;
    }

    /** An admin client on the internal super-user listener. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** Creates these SCRAM-SHA-512 users (a random password each) and waits until the broker knows them. */
    public void createUsers(Collection<String> users) {
        try (Admin admin = admin()) {
            List<UserScramCredentialAlteration> upserts = users.stream()
                    .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            passwords.computeIfAbsent(user, u -> UUID.randomUUID().toString())))
                    .toList();
            admin.alterUserScramCredentials(upserts).all().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            awaitTrue(() -> admin.describeUserScramCredentials(List.copyOf(users)).all()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS).size() == users.size(), "SCRAM users " + users);
        } catch (Exception e) {
            throw new IllegalStateException("could not create SCRAM users " + users, e);
        }
    }

    /** Adds these ACLs and waits until the broker's authorizer has every one. */
    public void allow(Collection<AclBinding> acls) {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            Set<AclBinding> wanted = new HashSet<>(acls);
            awaitTrue(() -> admin.describeAcls(AclBindingFilter.ANY).values().get(PATIENCE.toSeconds(), TimeUnit.SECONDS)
                    .containsAll(wanted), "ACLs");
        } catch (Exception e) {
            throw new IllegalStateException("could not create ACLs " + acls, e);
        }
    }

    /** A Kafka client's settings to connect as {@code user} (created with {@link #createUsers}). */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.truststore().toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, certificates.password());
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user));
        return config;
    }

    /**
     * What a service is given to connect as {@code user}, as the environment variables of
     * docs/deploy-kafka.md: nothing but Spring Boot's own Kafka settings.
     */
    public Map<String, Object> serviceEnvironment(String user) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("SPRING_KAFKA_SSL_TRUSTSTORELOCATION", "file:" + certificates.truststore());
        environment.put("SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD", certificates.password());
        environment.put("SPRING_KAFKA_SSL_TRUSTSTORETYPE", "PKCS12");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", MECHANISM);
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaasConfig(user));
        return environment;
    }

    private String jaasConfig(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("No SCRAM user " + user + " was created");
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Override
    public void close() {
        broker.close();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (ExecutionException e) {
                // Not visible on the broker yet (a user not known yet, say).
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " not in place within " + PATIENCE);
            }
            Thread.sleep(100);
        }
    }
}
