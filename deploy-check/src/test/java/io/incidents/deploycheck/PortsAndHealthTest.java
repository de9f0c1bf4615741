package io.incidents.deploycheck;

import io.incidents.deploycheck.ComposeFile.Port;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port each service listens on (its application.yml's {@code ${PORT:...}} default, or the PORT a
 * deployment gives it) is the port its image exposes, compose publishes and Kubernetes routes to;
 * every health check asks for a path the service serves.
 */
class PortsAndHealthTest {

    private static final Pattern URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");
    private static final Pattern ACTUATOR_PATH = Pattern.compile("/actuator[\\w/-]*");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void eachImageListensOnAndExposesItsServicesPort() {
        for (String module : Repository.IMAGES) {
            ServiceSettings settings = ServiceSettings.of(module);
            Dockerfile dockerfile = Dockerfile.of(module);
            assertThat(settings.portVariable()).as("%s's server.port is set by a variable", module).isNotNull();
            assertThat(dockerfile.finalStage("ENV"))
                    .as("%s/Dockerfile sets %s to the service's port %d", module, settings.portVariable(), settings.port())
                    .anyMatch(env -> env.matches("(.*\\s)?" + settings.portVariable() + "[=\\s]\"?" + settings.port() + "\"?(\\s.*)?"));
            assertThat(dockerfile.finalStage("EXPOSE"))
                    .as("%s/Dockerfile exposes the service's port %d", module, settings.port())
                    .anyMatch(expose -> List.of(expose.split("\\s+")).contains(String.valueOf(settings.port()))
                            || List.of(expose.split("\\s+")).contains(settings.port() + "/tcp"));
        }
    }

    @Test
    void composePublishesAndExposesTheServicesPorts() {
        for (String module : Repository.IMAGES) {
            int port = composePort(module);
            for (Port published : compose.published(module)) {
                assertThat(published.containerPort()).as("%s publishes its port %d in %s", module, port, ComposeFile.FILE)
                        .isEqualTo(port);
            }
            for (Object exposed : Repository.list(compose.service(module), "expose")) {
                assertThat(exposed.toString().replace("/tcp", "")).as("%s exposes its port %d in %s", module, port, ComposeFile.FILE)
                        .isEqualTo(String.valueOf(port));
            }
            assertThat(compose.published(module).size() + Repository.list(compose.service(module), "expose").size())
                    .as("%s in %s publishes or exposes its port", module, ComposeFile.FILE).isPositive();
        }
    }

    @Test
    void kubernetesRoutesToTheServicesPorts() {
        for (String service : Repository.SERVICES) {
            Map<String, Object> container = Manifests.container(service);
            int port = kubernetesPort(service, container);
            assertThat(Repository.list(container, "ports").stream().map(p -> (Object) ((Map<?, ?>) p).get("containerPort")).toList())
                    .as("%s's container in %s declares its port %d", service, Manifests.DIR, port)
                    .containsExactly((Object) port);
            List<Object> servicePorts = Repository.list(Manifests.named("Service", service), "spec.ports");
            assertThat(servicePorts).as("the Service %s has a port", service).isNotEmpty();
            for (Object servicePort : servicePorts) {
                Map<?, ?> entry = (Map<?, ?>) servicePort;
                Object target = entry.get("targetPort") == null ? entry.get("port") : entry.get("targetPort");
                assertThat(Manifests.port(container, target)).as("the Service %s routes to the port %d", service, port)
                        .isEqualTo(port);
            }
        }
    }

    @Test
    void addressesOfOtherServicesNameTheirPorts() {
        List<String> wrong = new ArrayList<>();
        for (String module : compose.services().keySet()) {
            compose.environment(module).forEach((variable, value) -> {
                Matcher url = URL.matcher(String.valueOf(value));
                while (url.find()) {
                    String target = url.group(1);
                    if (Repository.IMAGES.contains(target) && composePort(target) != Integer.parseInt(url.group(2))) {
                        wrong.add(ComposeFile.FILE + " " + module + ": " + variable + "=" + value + " (" + target
                                + " listens on " + composePort(target) + ")");
                    }
                }
            });
        }
        Matcher upstream = URL.matcher(Repository.read("deploy/compose/dashboard-proxy.conf"));
        int upstreams = 0;
        while (upstream.find()) {
            if (upstream.group(1).equals("timeline-service")) {
                upstreams++;
                if (composePort("timeline-service") != Integer.parseInt(upstream.group(2))) {
                    wrong.add("deploy/compose/dashboard-proxy.conf proxies to " + upstream.group());
                }
            }
        }
        assertThat(upstreams).as("deploy/compose/dashboard-proxy.conf names timeline-service as its upstream").isPositive();
        for (String service : Repository.SERVICES) {
            Manifests.environment(Manifests.container(service)).forEach((variable, entry) -> {
                Matcher address = URL.matcher(String.valueOf(entry.get("value")));
                while (address.find()) {
                    String target = address.group(1);
                    if (Repository.SERVICES.contains(target) && servicePort(target) != Integer.parseInt(address.group(2))) {
                        wrong.add(Manifests.DIR + " " + service + ": " + variable + "=" + entry.get("value") + " (the Service "
                                + target + " has the port " + servicePort(target) + ")");
                    }
                }
            });
        }
        assertThat(wrong).as("addresses that name another service at a port it does not listen on").isEmpty();
    }

    @Test
    void healthChecksAskForPathsTheServiceServes() {
        List<String> wrong = new ArrayList<>();
        for (String module : Repository.IMAGES) {
            Set<String> served = ServiceSettings.of(module).healthPaths();
            List<String> healthchecks = Dockerfile.of(module).finalStage("HEALTHCHECK");
            assertThat(healthchecks).as("%s/Dockerfile has a HEALTHCHECK", module).hasSize(1);
            for (String path : healthPaths(healthchecks.get(0))) {
                if (!served.contains(path)) {
                    wrong.add(module + "/Dockerfile checks " + path);
                }
            }
            for (String path : healthPaths(String.join(" ", compose.healthcheck(module)))) {
                if (!served.contains(path)) {
                    wrong.add(ComposeFile.FILE + " " + module + " checks " + path);
                }
            }
        }
        for (String service : Repository.SERVICES) {
            ServiceSettings settings = ServiceSettings.of(service);
            Map<String, Object> container = Manifests.container(service);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Map<String, Object> get = Repository.map(container, probe + ".httpGet");
                if (get.isEmpty()) {
                    continue;
                }
                if (!settings.healthPaths().contains(String.valueOf(get.get("path")))) {
                    wrong.add(Manifests.DIR + " " + service + " " + probe + " asks for " + get.get("path"));
                }
                int managementPort = settings.managementPort() == settings.port() ? kubernetesPort(service, container)
                        : settings.managementPort();
                if (Manifests.port(container, get.get("port")) != managementPort) {
                    wrong.add(Manifests.DIR + " " + service + " " + probe + " asks on port " + get.get("port")
                            + ", health is on " + managementPort);
                }
            }
        }
        assertThat(wrong).as("health checks asking for what the service does not serve (see its application.yml:"
                + " management.endpoint.health.probes.enabled, health groups)").isEmpty();
    }

    /** The health paths a check asks for; the image's healthcheck script asks for /actuator/health when given none. */
    private static Set<String> healthPaths(String command) {
        Set<String> paths = new LinkedHashSet<>();
        Matcher path = ACTUATOR_PATH.matcher(command);
        while (path.find()) {
            paths.add(path.group());
        }
        if (paths.isEmpty()) {
            assertThat(command).as("a health check that names no path runs the image's healthcheck script")
                    .matches("(?s).*\\bhealthcheck\\b\\W*");
            paths.add("/actuator/health");
        }
        return paths;
    }

    /** The port a module listens on under compose: the PORT given there, else its default. */
    private int composePort(String module) {
        ServiceSettings settings = ServiceSettings.of(module);
        String given = compose.environment(module).get(settings.portVariable());
        return given == null ? settings.port() : Integer.parseInt(given);
    }

    private static int kubernetesPort(String service, Map<String, Object> container) {
        ServiceSettings settings = ServiceSettings.of(service);
        Map<String, Object> given = Manifests.environment(container).get(settings.portVariable());
        return given == null ? settings.port() : Integer.parseInt(String.valueOf(given.get("value")));
    }

    private static int servicePort(String service) {
        return (Integer) ((Map<?, ?>) Repository.list(Manifests.named("Service", service), "spec.ports").get(0)).get("port");
    }
}
