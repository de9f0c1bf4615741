package io.incidents.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * deploy/k8s rendered as {@code kubectl apply -k deploy/k8s} would: the resources its
 * kustomization.yaml lists, in its namespace.
 */
final class Manifests {

    static final String DIR = "deploy/k8s";

    private Manifests() {
    }

    static Map<String, Object> kustomization() {
        return Repository.yaml(DIR + "/kustomization.yaml");
    }

    static List<String> resources() {
        return Repository.list(kustomization(), "resources").stream().map(Object::toString).toList();
    }

    static List<Map<String, Object>> render() {
        Object namespace = kustomization().get("namespace");
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String resource : resources()) {
            for (Map<String, Object> document : Repository.yamlDocuments(DIR + "/" + resource)) {
                Map<String, Object> copy = new LinkedHashMap<>(document);
                if (namespace != null && !"Namespace".equals(copy.get("kind"))) {
                    Map<String, Object> metadata = new LinkedHashMap<>(Repository.map(copy, "metadata"));
                    metadata.put("namespace", namespace);
                    copy.put("metadata", metadata);
                }
                documents.add(copy);
            }
        }
        return documents;
    }

    static List<Map<String, Object>> ofKind(String kind) {
        return render().stream().filter(document -> kind.equals(document.get("kind"))).toList();
    }

    static Map<String, Object> named(String kind, String name) {
        List<Map<String, Object>> found = ofKind(kind).stream()
                .filter(document -> Objects.equals(name, Repository.at(document, "metadata.name")))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(DIR + " has " + found.size() + " " + kind + " named " + name + ", not one");
        }
        return found.get(0);
    }

    /** The Deployment's containers (the pod template's). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return (List<Map<String, Object>>) (List<?>) Repository.list(deployment, "spec.template.spec.containers");
    }

    /** The one container of a service's Deployment, named after it. */
    static Map<String, Object> container(String service) {
        return containers(named("Deployment", service)).stream()
                .filter(container -> service.equals(container.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the Deployment " + service + " has no container " + service));
    }

    /** A container's environment as name to its entry (value or valueFrom). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> environment(Map<String, Object> container) {
        Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
        for (Object entry : Repository.list(container, "env")) {
            Map<String, Object> variable = (Map<String, Object>) entry;
            variables.put(variable.get("name").toString(), variable);
        }
        return variables;
    }

    /** A probe's or a Service's port (a number, or the name of one of the container's ports) as a number. */
    static int port(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return Repository.list(container, "ports").stream()
                .map(p -> (Map<?, ?>) p)
                .filter(p -> Objects.equals(port, p.get("name")))
                .map(p -> (Integer) p.get("containerPort"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the container " + container.get("name") + " has no port named " + port));
    }
}
