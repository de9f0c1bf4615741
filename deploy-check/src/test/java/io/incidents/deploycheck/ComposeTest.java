package io.incidents.deploycheck;

import io.incidents.deploycheck.ComposeFile.Port;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml starts each service once what it needs is healthy, keeps its data, and stays on this machine. */
class ComposeTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyServiceHasAHealthCheck() {
        List<String> without = compose.services().keySet().stream()
                .filter(service -> compose.healthcheck(service).isEmpty() || compose.healthcheck(service).get(0).equals("NONE")
                        || Boolean.TRUE.equals(Repository.at(compose.service(service), "healthcheck.disable")))
                .toList();
        assertThat(without).as("services in %s without a health check", ComposeFile.FILE).isEmpty();
    }

    @Test
    void everyDependencyWaitsUntilWhatItNeedsIsHealthy() {
        List<String> wrong = new ArrayList<>();
        compose.services().forEach((service, definition) -> {
            Object dependsOn = Repository.at(definition, "depends_on");
            if (dependsOn instanceof List<?> list) {
                // The short form waits only until the container has started.
                wrong.add(service + " depends on " + list + " without a condition");
            } else if (dependsOn instanceof Map<?, ?> map) {
                map.forEach((dependency, how) -> {
                    if (!"service_healthy".equals(Repository.at(how, "condition"))) {
                        wrong.add(service + " -> " + dependency + ": " + how);
                    }
                });
            }
        });
        assertThat(wrong).as("depends_on in %s without condition: service_healthy", ComposeFile.FILE).isEmpty();
        assertThat(Repository.SERVICES.stream()
                .filter(s -> !"service_healthy".equals(Repository.at(compose.service(s), "depends_on.local-auth.condition"))))
                .as("services that do not wait for the identity provider to be healthy").isEmpty();
    }

    @Test
    void dataLivesInNamedVolumesThatAreDeclared() {
        Set<String> declared = Repository.map(compose.tree(), "volumes").keySet();
        List<String> undeclared = new ArrayList<>();
        compose.services().keySet().forEach(service -> {
            for (String volume : namedVolumes(compose.service(service))) {
                if (!declared.contains(volume)) {
                    undeclared.add(service + ": " + volume);
                }
            }
        });
        assertThat(undeclared).as("named volumes used in %s but not declared under volumes:", ComposeFile.FILE).isEmpty();
        for (String stateful : List.of("postgres", "kafka", "local-auth")) {
            assertThat(namedVolumes(compose.service(stateful)))
                    .as("%s keeps its data (%s) in a named volume, so docker compose down keeps it", stateful,
                            stateful.equals("local-auth") ? "the token signing key" : "every incident and record")
                    .isNotEmpty();
        }
    }

    @Test
    void publishedPortsListenOnThisMachineOnly() {
        List<String> open = new ArrayList<>();
        compose.services().keySet().forEach(service -> compose.published(service).stream()
                .filter(port -> !"127.0.0.1".equals(port.hostIp()))
                .forEach(port -> open.add(service + ": " + port)));
        assertThat(open).as("ports in %s published on every interface instead of 127.0.0.1 (local-auth's logins are"
                + " public defaults)", ComposeFile.FILE).isEmpty();
    }

    @Test
    void timelineServiceCanBeScaled() {
        Map<String, Object> timeline = compose.service("timeline-service");
        // Two replicas cannot both hold one host port: docker compose up --scale timeline-service=2 would fail.
        assertThat(compose.published("timeline-service").stream().map(Port::hostPort))
                .as("timeline-service publishes no fixed host port (a range at most)")
                .allMatch(hostPort -> hostPort == null || hostPort.contains("-"));
        assertThat(timeline).as("timeline-service has no container_name, which only one container can have")
                .doesNotContainKey("container_name");
        assertThat(Repository.at(timeline, "deploy.replicas")).as("timeline-service's replicas are set with --scale").isNull();
        assertThat(Repository.list(compose.service("dashboard"), "volumes"))
                .as("the dashboard proxy, timeline-service's one address, runs deploy/compose/dashboard-proxy.conf")
                .contains("./deploy/compose/dashboard-proxy.conf:/etc/nginx/conf.d/default.conf:ro");
        assertThat(Repository.read("deploy/compose/dashboard-proxy.conf"))
                .as("the dashboard proxy looks timeline-service up at request time (every replica) and forwards to it")
                .contains("resolver 127.0.0.11").contains("set $timeline http://timeline-service:").contains("proxy_pass $timeline;");
    }

    @Test
    void eachServiceIsBuiltFromItsDockerfileAtTheRepositoryRoot() {
        for (String module : Repository.IMAGES) {
            Map<String, Object> service = compose.service(module);
            assertThat(Repository.at(service, "build.context")).as("%s is built from the repository root", module).isEqualTo(".");
            assertThat(Repository.at(service, "build.dockerfile")).as("%s is built from its Dockerfile", module)
                    .isEqualTo(module + "/Dockerfile");
            assertThat(compose.image(module)).as("%s's image name", module).startsWith("incident-tracking/" + module + ":");
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabaseAndLogins() {
        String init = Repository.read("deploy/compose/postgres-init/10-service-databases.sh");
        Map<String, String> postgres = compose.environment("postgres");
        for (String service : Repository.SERVICES) {
            String database = service.replace('-', '_');
            Map<String, String> environment = compose.environment(service);
            assertThat(environment.get("DATABASE_URL")).as("%s's DATABASE_URL", service)
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            // Runs as a role of its own that is not the schema's owner; migrates as the owner.
            assertThat(environment.get("DATABASE_USER")).as("%s's DATABASE_USER, its own runtime role", service)
                    .isEqualTo(database + "_app");
            assertThat(environment.get("DATABASE_OWNER_USER")).as("%s's DATABASE_OWNER_USER, its schema's owner", service)
                    .isEqualTo(database);
            String appPassword = database.toUpperCase() + "_DB_APP_PASSWORD";
            String ownerPassword = database.toUpperCase() + "_DB_OWNER_PASSWORD";
            assertThat(environment.get("DATABASE_PASSWORD")).as("%s's DATABASE_PASSWORD", service)
                    .startsWith("${" + appPassword + ":?");
            assertThat(environment.get("DATABASE_OWNER_PASSWORD")).as("%s's DATABASE_OWNER_PASSWORD", service)
                    .startsWith("${" + ownerPassword + ":?");
            for (String password : List.of(appPassword, ownerPassword)) {
                assertThat(postgres.get(password)).as("postgres gets %s for its init script", password)
                        .startsWith("${" + password + ":?");
            }
            assertThat(init).as("the init script creates %s's roles and database with %s and %s", service, ownerPassword, appPassword)
                    .contains("create_service_database " + database + " \"${" + ownerPassword + ":?}\" \"${" + appPassword + ":?}\"");
        }
        assertThat(namedVolumes(compose.service("postgres"))).isNotEmpty();
        assertThat(Repository.list(compose.service("postgres"), "volumes"))
                .as("the init scripts are mounted where the postgres image runs them")
                .contains("./deploy/compose/postgres-init:/docker-entrypoint-initdb.d:ro");
    }

    /** The named volumes a service mounts (short syntax NAME:/path, or long syntax type: volume). */
    private static List<String> namedVolumes(Map<String, Object> service) {
        List<String> names = new ArrayList<>();
        for (Object volume : Repository.list(service, "volumes")) {
            if (volume instanceof Map<?, ?> map) {
                if ("volume".equals(map.get("type")) && map.get("source") != null) {
                    names.add(map.get("source").toString());
                }
            } else {
                String source = volume.toString().split(":")[0];
                if (volume.toString().contains(":") && !source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~")
                        && !source.startsWith("$")) {
                    names.add(source);
                }
            }
        }
        return names;
    }
}
