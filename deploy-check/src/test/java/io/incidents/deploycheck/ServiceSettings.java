package io.incidents.deploycheck;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a module's own {@code src/main/resources/application.yml} says: the environment variables it
 * reads (its {@code ${NAME:default}} placeholders), the properties it sets, the port it listens on
 * and the health endpoints it serves.
 */
record ServiceSettings(String module, String text, Map<String, Object> tree) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)[:}]");
    private static final Pattern DEFAULT_OF = Pattern.compile("\\$\\{[A-Za-z0-9_]+:([^}]*)}");

    static ServiceSettings of(String module) {
        String file = module + "/src/main/resources/application.yml";
        return new ServiceSettings(module, Repository.read(file), Repository.yaml(file));
    }

    /** The environment variables named by the file's placeholders. */
    Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Every property the file sets, dotted (list items as [n]), and every prefix of one. */
    Set<String> properties() {
        Set<String> names = new LinkedHashSet<>();
        collect("", tree, names);
        return names;
    }

    private static void collect(String prefix, Object node, Set<String> names) {
        if (!prefix.isEmpty()) {
            names.add(prefix);
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collect(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, names));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(prefix + "[" + i + "]", list.get(i), names);
            }
        }
    }

    /** The HTTP port: server.port's default ({@code ${PORT:8081}}), as a service started without PORT uses it. */
    int port() {
        return number(Repository.at(tree, "server.port"), "server.port");
    }

    /** The port actuator answers on: management.server.port if set, else the HTTP port. */
    int managementPort() {
        Object port = Repository.at(tree, "management.server.port");
        return port == null ? port() : number(port, "management.server.port");
    }

    /** The variable that sets the HTTP port ({@code PORT}), or null when the port is fixed. */
    String portVariable() {
        Matcher matcher = PLACEHOLDER.matcher(String.valueOf(Repository.at(tree, "server.port")));
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * The health paths served: {@code /actuator/health} when the endpoint is exposed, and one per
     * health group: liveness and readiness when the probes are enabled, and each group configured.
     */
    Set<String> healthPaths() {
        Set<String> paths = new TreeSet<>();
        Object exposed = Repository.at(tree, "management.endpoints.web.exposure.include");
        boolean healthExposed = exposed == null
                || List.of(exposed.toString().split("\\s*,\\s*")).stream().anyMatch(e -> e.equals("health") || e.equals("*"));
        if (!healthExposed) {
            return paths;
        }
        Object basePath = Repository.at(tree, "management.endpoints.web.base-path");
        String health = (basePath == null ? "/actuator" : basePath.toString()) + "/health";
        paths.add(health);
        if (Boolean.TRUE.equals(Repository.at(tree, "management.endpoint.health.probes.enabled"))) {
            paths.add(health + "/liveness");
            paths.add(health + "/readiness");
        }
        Repository.map(tree, "management.endpoint.health.group").keySet().forEach(group -> paths.add(health + "/" + group));
        return paths;
    }

    private int number(Object value, String property) {
        if (value instanceof Integer port) {
            return port;
        }
        Matcher matcher = DEFAULT_OF.matcher(String.valueOf(value));
        if (matcher.matches()) {
            return Integer.parseInt(matcher.group(1).trim());
        }
        throw new IllegalStateException(module + "'s application.yml has no port in " + property + ": " + value);
    }
}
