package io.incidents.deploycheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/deploy.md's secured three-node deployment: its files say what the services read, and keep no secret. */
class ThreeNodeTest {

    /** The Kafka login: the JAAS line holds the SCRAM password. */
    private static final String JAAS = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG";
    private static final Pattern SERVER = Pattern.compile("^\\s*server\\s+\\S+\\s+[0-9.]+:(\\d+)\\b.*$", Pattern.MULTILINE);

    @Test
    void eachServiceGetsOnlyVariablesThatReachOneOfItsSettings() {
        List<String> unread = new ArrayList<>();
        for (String service : Repository.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            ThreeNode.environment(service).forEach((file, variables) -> variables.keySet().stream()
                    .filter(variable -> EnvironmentVariables.reach(settings, variable).isEmpty())
                    .forEach(variable -> unread.add(file + " (" + service + "): " + variable)));
        }
        assertThat(unread).as("variables that no setting of their service reads").isEmpty();
    }

    @Test
    void secretsAreOnlyNamedAndOnlyInTheSecretsFiles() {
        List<String> wrong = new ArrayList<>();
        for (String service : Repository.SERVICES) {
            ThreeNode.environment(service).forEach((file, variables) -> variables.forEach((variable, value) -> {
                boolean secret = SecretsTest.SECRET_NAME.matcher(variable).matches() || variable.equals(JAAS);
                boolean secretsFile = file.equals(ThreeNode.secretsExample(service));
                if (secret && !secretsFile) {
                    wrong.add(file + ": " + variable + " is a secret outside " + ThreeNode.secretsExample(service));
                }
                if (secretsFile && !value.isEmpty()) {
                    wrong.add(file + ": " + variable + " has a value");
                }
            }));
            assertThat(ThreeNode.envFile(ThreeNode.secretsExample(service))).as("%s's secrets", service)
                    .containsKeys("DATABASE_PASSWORD", "DATABASE_OWNER_PASSWORD", JAAS);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void kafkaAndPostgresAreReachedOverTlsWithTheirHostsChecked() {
        Map<String, String> common = ThreeNode.envFile(ThreeNode.COMMON);
        assertThat(common).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsKey("SPRING_KAFKA_SSL_TRUSTSTORELOCATION");
        for (String service : Repository.SERVICES) {
            Map<String, String> own = ThreeNode.envFile(ThreeNode.settings(service));
            assertThat(own.get("DATABASE_URL")).as("%s's DATABASE_URL", service).contains("sslmode=verify-full");
            assertThat(own).as("%s migrates as the owner and runs as another role", service).containsKeys("DATABASE_USER", "DATABASE_OWNER_USER");
            assertThat(own.get("DATABASE_USER")).isNotEqualTo(own.get("DATABASE_OWNER_USER"));
            assertThat(own).as("%s: plain SMTP is for the local stack", service).doesNotContainKey("SMTP_STARTTLS_REQUIRED");
        }
        assertThat(ThreeNode.envFile(ThreeNode.settings("incident-service")))
                .containsEntry("INCIDENT_EVENTS_REPLICAS", "3").containsEntry("INCIDENT_EVENTS_MIN_INSYNC_REPLICAS", "2");
    }

    @Test
    void theUnitGivesEachServiceItsFilesAndTheNodesPrivateAddress() {
        String unit = Repository.read(ThreeNode.UNIT);
        assertThat(unit).contains("--env-file /etc/incidents/common.env", "--env-file /etc/incidents/%i.env",
                "--env-file /etc/incidents/%i.secrets.env", "SERVER_ADDRESS=${NODE_ADDRESS}", "--read-only")
                .doesNotContain("SPRING_PROFILES_ACTIVE");
    }

    @Test
    void theProxySendsEachNameToItsServicesPortAndChecksReadiness() {
        String proxy = Repository.read(ThreeNode.PROXY);
        for (String service : Repository.SERVICES) {
            int start = proxy.indexOf("\nbackend " + service + "\n");
            assertThat(start).as("a backend for %s in %s", service, ThreeNode.PROXY).isNotNegative();
            int end = proxy.indexOf("\nbackend ", start + 1);
            String backend = proxy.substring(start, end < 0 ? proxy.length() : end);
            assertThat(backend).contains("option httpchk GET /actuator/health/readiness");
            assertThat(ServiceSettings.of(service).healthPaths()).as("%s's health paths", service).contains("/actuator/health/readiness");
            Matcher server = SERVER.matcher(backend);
            int servers = 0;
            while (server.find()) {
                servers++;
                assertThat(Integer.parseInt(server.group(1))).as("%s's port in %s", service, ThreeNode.PROXY)
                        .isEqualTo(ServiceSettings.of(service).port());
            }
            assertThat(servers).as("%s on three nodes", service).isEqualTo(3);
        }
        assertThat(proxy).as("the client's forwarded headers are dropped before the proxy sets its own")
                .contains("http-request del-header X-Forwarded-For", "option forwardfor", "http-request set-header X-Forwarded-Proto https");
    }
}
