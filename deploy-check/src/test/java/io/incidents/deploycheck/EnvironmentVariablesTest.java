package io.incidents.deploycheck;

import io.incidents.deploycheck.EnvironmentVariables.Relaxed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable a deployment gives a service reaches one of that service's settings:
 * a variable that reaches none (a typo, a setting renamed or removed) is silently ignored by the
 * service, and the deployment is not what it says.
 */
class EnvironmentVariablesTest {

    private static final SpringProperties SPRING = SpringProperties.load();

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void composeGivesEachServiceOnlyVariablesThatReachOneOfItsSettings() {
        List<String> unread = new ArrayList<>();
        for (String module : Repository.IMAGES) {
            ServiceSettings settings = ServiceSettings.of(module);
            compose.environment(module).keySet().stream()
                    .filter(variable -> EnvironmentVariables.reach(settings, variable).isEmpty())
                    .forEach(variable -> unread.add(module + ": " + variable));
        }
        assertThat(unread)
                .as("variables in %s that no setting of their service reads (neither a ${NAME} placeholder in its"
                        + " application.yml nor in EnvironmentVariables.RELAXED for it)", ComposeFile.FILE)
                .isEmpty();
    }

    @Test
    void kubernetesGivesEachServiceOnlyVariablesThatReachOneOfItsSettings() {
        List<String> unread = new ArrayList<>();
        for (String service : Repository.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Map<String, Object> container = Manifests.container(service);
            assertThat(container.get("envFrom"))
                    .as("%s's container in %s takes variables with envFrom, which cannot be checked: name each in env",
                            service, Manifests.DIR)
                    .isNull();
            Manifests.environment(container).keySet().stream()
                    .filter(variable -> EnvironmentVariables.reach(settings, variable).isEmpty())
                    .forEach(variable -> unread.add(service + ": " + variable));
        }
        assertThat(unread)
                .as("variables in %s that no setting of their service reads (neither a ${NAME} placeholder in its"
                        + " application.yml nor in EnvironmentVariables.RELAXED for it)", Manifests.DIR)
                .isEmpty();
    }

    @Test
    void eachRelaxedVariableBindsToAPropertyThatExists() {
        List<String> wrong = new ArrayList<>();
        for (Relaxed relaxed : EnvironmentVariables.RELAXED) {
            if (!SpringProperties.binds(relaxed.variable(), relaxed.property())) {
                wrong.add(relaxed.variable() + " does not bind to " + relaxed.property());
            }
            boolean exists = SPRING.exists(relaxed.property()) || relaxed.modules().stream()
                    .allMatch(module -> ServiceSettings.of(module).properties().contains(relaxed.property()));
            if (!exists) {
                wrong.add(relaxed.property() + " is neither a Spring Boot property nor set in the application.yml of "
                        + relaxed.modules());
            }
        }
        assertThat(wrong).as("EnvironmentVariables.RELAXED").isEmpty();
    }

    @Test
    void eachRelaxedVariableIsGivenSomewhere() {
        Set<String> given = new HashSet<>();
        for (String module : Repository.IMAGES) {
            given.addAll(compose.environment(module).keySet());
        }
        for (String service : Repository.SERVICES) {
            given.addAll(Manifests.environment(Manifests.container(service)).keySet());
            ThreeNode.environment(service).values().forEach(variables -> given.addAll(variables.keySet()));
        }
        assertThat(EnvironmentVariables.RELAXED.stream().map(Relaxed::variable))
                .as("EnvironmentVariables.RELAXED lists only variables a deployment gives (so it allows nothing more)")
                .allMatch(given::contains);
    }

    @Test
    void noDeploymentRunsTheStackProfile() {
        // The stack profile carries public logins and keys (SPEC 9): ./stack up only.
        List<String> found = new ArrayList<>();
        for (String module : Repository.IMAGES) {
            compose.environment(module).forEach((variable, value) -> {
                if (variable.startsWith("STACK_") || (variable.equals("SPRING_PROFILES_ACTIVE") && String.valueOf(value).contains("stack"))) {
                    found.add(ComposeFile.FILE + " " + module + ": " + variable + "=" + value);
                }
            });
            if (String.valueOf(compose.service(module).get("command")).contains("stack")) {
                found.add(ComposeFile.FILE + " " + module + ": command " + compose.service(module).get("command"));
            }
        }
        for (String service : Repository.SERVICES) {
            Map<String, Object> container = Manifests.container(service);
            Manifests.environment(container).forEach((variable, entry) -> {
                if (variable.startsWith("STACK_") || (variable.equals("SPRING_PROFILES_ACTIVE") && String.valueOf(entry).contains("stack"))) {
                    found.add(Manifests.DIR + " " + service + ": " + variable);
                }
            });
            if (String.valueOf(container.get("args")).contains("stack") || String.valueOf(container.get("command")).contains("stack")) {
                found.add(Manifests.DIR + " " + service + ": " + container.get("args"));
            }
        }
        assertThat(found).as("deployments that run the stack profile or give it settings").isEmpty();
    }
}
