package io.incidents.deploycheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml at the repository root. */
record ComposeFile(Map<String, Object> tree) {

    static final String FILE = "docker-compose.yml";

    /** A published port: the host address (null: every interface), the host port and the container's. */
    record Port(String hostIp, String hostPort, int containerPort) {
    }

    static ComposeFile load() {
        return new ComposeFile(Repository.yaml(FILE));
    }

    Map<String, Object> services() {
        return Repository.map(tree, "services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = Repository.map(services(), name);
        if (service.isEmpty()) {
            throw new AssertionError(FILE + " has no service " + name);
        }
        return service;
    }

    /** The service's environment, in either of compose's forms (a map, or a list of NAME=value). */
    Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(key.toString(), value == null ? null : value.toString()));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String entry = item.toString();
                int equals = entry.indexOf('=');
                variables.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? null : entry.substring(equals + 1));
            }
        }
        return variables;
    }

    /** The ports the service publishes on the host, short syntax ("127.0.0.1:8081:8081") or long. */
    List<Port> published(String name) {
        return Repository.list(service(name), "ports").stream().map(ComposeFile::port).toList();
    }

    private static Port port(Object entry) {
        if (entry instanceof Map<?, ?> map) {
            Object hostIp = map.get("host_ip");
            Object published = map.get("published");
            return new Port(hostIp == null ? null : hostIp.toString(), published == null ? null : published.toString(),
                    Integer.parseInt(map.get("target").toString()));
        }
        String[] parts = entry.toString().replaceFirst("/(tcp|udp)$", "").split(":");
        return switch (parts.length) {
            case 1 -> new Port(null, null, Integer.parseInt(parts[0]));
            case 2 -> new Port(null, parts[0], Integer.parseInt(parts[1]));
            case 3 -> new Port(parts[0], parts[1], Integer.parseInt(parts[2]));
            default -> throw new AssertionError("cannot read the port " + entry);
        };
    }

    /** The service's health check command, as the list compose runs. */
    List<String> healthcheck(String name) {
        Object test = Repository.at(service(name), "healthcheck.test");
        if (test instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return test == null ? List.of() : List.of("CMD-SHELL", test.toString());
    }

    String image(String name) {
        Object image = service(name).get("image");
        return image == null ? null : image.toString();
    }
}
