package io.incidents.deploycheck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s, rendered as kubectl apply -k would: each service's Deployment is probed on its health
 * groups, asks for resources, runs as the image's non-root user, is selected by its Service and
 * kept running through a drain by its PodDisruptionBudget.
 */
class KubernetesTest {

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(Repository.path(Manifests.DIR))) {
            files = listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(Manifests.resources()).as("%s/kustomization.yaml's resources", Manifests.DIR)
                .containsExactlyInAnyOrderElementsOf(files);
        assertThat(Manifests.render()).allSatisfy(document -> {
            assertThat(document).containsKeys("apiVersion", "kind", "metadata");
            assertThat(Repository.at(document, "metadata.name")).isNotNull();
        });
    }

    @Test
    void eachDeploymentIsProbedOnItsReadinessAndLivenessGroups() {
        for (String service : Repository.SERVICES) {
            Map<String, Object> container = Manifests.container(service);
            assertThat(Repository.at(container, "readinessProbe.httpGet.path")).as("%s's readiness probe", service)
                    .isEqualTo("/actuator/health/readiness");
            assertThat(Repository.at(container, "livenessProbe.httpGet.path")).as("%s's liveness probe", service)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(ServiceSettings.of(service).healthPaths()).as("%s serves the probe groups (application.yml:"
                    + " management.endpoint.health.probes.enabled)", service)
                    .contains("/actuator/health/readiness", "/actuator/health/liveness");
        }
    }

    @Test
    void eachDeploymentRequestsAndLimitsResources() {
        for (String service : Repository.SERVICES) {
            Map<String, Object> resources = Repository.map(Manifests.container(service), "resources");
            assertThat(Repository.map(resources, "requests")).as("%s's resource requests", service).containsKeys("cpu", "memory");
            assertThat(Repository.map(resources, "limits")).as("%s's resource limits", service).containsKey("memory");
        }
    }

    @Test
    void eachDeploymentRunsAsTheImagesNonRootUser() {
        for (String service : Repository.SERVICES) {
            Map<String, Object> pod = Repository.map(Manifests.named("Deployment", service), "spec.template.spec");
            Map<String, Object> container = Manifests.container(service);
            Object runAsNonRoot = Objects.requireNonNullElse(Repository.at(container, "securityContext.runAsNonRoot"),
                    Repository.at(pod, "securityContext.runAsNonRoot"));
            assertThat(runAsNonRoot).as("%s runs with runAsNonRoot", service).isEqualTo(true);
            Object runAsUser = Objects.requireNonNullElse(Repository.at(container, "securityContext.runAsUser"),
                    Objects.requireNonNullElse(Repository.at(pod, "securityContext.runAsUser"), "unset"));
            List<String> users = Dockerfile.of(service).finalStage("USER");
            String imageUser = users.get(users.size() - 1).split(":")[0];
            assertThat(String.valueOf(runAsUser)).as("%s's runAsUser is the image's user", service).isIn("unset", imageUser);
            assertThat(Repository.at(container, "securityContext.allowPrivilegeEscalation"))
                    .as("%s may not escalate privileges", service).isEqualTo(false);
        }
    }

    @Test
    void eachServiceRunsSeveralReplicasThatADrainCannotAllTake() {
        for (String service : Repository.SERVICES) {
            Map<String, Object> deployment = Manifests.named("Deployment", service);
            Map<String, Object> podLabels = Repository.map(deployment, "spec.template.metadata.labels");
            int replicas = (Integer) Objects.requireNonNullElse(Repository.at(deployment, "spec.replicas"), 1);
            assertThat(replicas).as("%s's replicas", service).isGreaterThanOrEqualTo(2);
            assertThat(podLabels).as("%s's Deployment selects its own pods", service)
                    .containsAllEntriesOf(Repository.map(deployment, "spec.selector.matchLabels"));

            List<Map<String, Object>> budgets = Manifests.ofKind("PodDisruptionBudget").stream()
                    .filter(budget -> selects(Repository.map(budget, "spec.selector.matchLabels"), podLabels))
                    .toList();
            assertThat(budgets).as("a PodDisruptionBudget selects %s's pods", service).hasSize(1);
            Map<String, Object> budget = Repository.map(budgets.get(0), "spec");
            if (budget.get("minAvailable") instanceof Integer minAvailable) {
                assertThat(minAvailable).as("%s's budget keeps a pod running and still lets a drain proceed", service)
                        .isBetween(1, replicas - 1);
            } else {
                assertThat(budget.get("maxUnavailable")).as("%s's budget names minAvailable or maxUnavailable as a number",
                        service).isInstanceOf(Integer.class);
                assertThat((Integer) budget.get("maxUnavailable")).isBetween(1, replicas - 1);
            }

            Map<String, Object> selector = Repository.map(Manifests.named("Service", service), "spec.selector");
            assertThat(selects(selector, podLabels)).as("the Service %s selects the pods of its Deployment", service).isTrue();
        }
    }

    @Test
    void everyConfigMapReferenceNamesAKeyThatExists() {
        List<String> missing = new ArrayList<>();
        for (String service : Repository.SERVICES) {
            Manifests.environment(Manifests.container(service)).forEach((variable, entry) -> {
                Object name = Repository.at(entry, "valueFrom.configMapKeyRef.name");
                Object key = Repository.at(entry, "valueFrom.configMapKeyRef.key");
                if (name != null && Manifests.ofKind("ConfigMap").stream()
                        .noneMatch(map -> name.equals(Repository.at(map, "metadata.name"))
                                && Repository.map(map, "data").containsKey(String.valueOf(key)))) {
                    missing.add(service + ": " + variable + " from " + name + "/" + key);
                }
            });
        }
        assertThat(missing).as("configMapKeyRefs in %s to a ConfigMap key that is not there", Manifests.DIR).isEmpty();
    }

    @Test
    void theImagesAreTheOnesComposeBuildsAndLocalAuthIsNotDeployed() {
        ComposeFile compose = ComposeFile.load();
        for (String service : Repository.SERVICES) {
            String image = String.valueOf(Manifests.container(service).get("image"));
            assertThat(image.split(":")[0]).as("%s's image", service).isEqualTo(compose.image(service).split(":")[0]);
        }
        assertThat(Manifests.ofKind("Deployment").stream().flatMap(d -> Manifests.containers(d).stream())
                .map(c -> String.valueOf(c.get("image"))))
                .as("local-auth, whose logins are public defaults, is for local use only")
                .noneMatch(image -> image.contains("local-auth"));
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }
}
