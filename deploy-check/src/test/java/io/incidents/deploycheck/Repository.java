package io.incidents.deploycheck;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The repository's files, read from its root (the build names it; from the module's folder otherwise). */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("deploy-check.repository", "..")).toAbsolutePath().normalize();

    /** The services deployed to Kubernetes: all but local-auth, which is for local use only. */
    static final List<String> SERVICES = List.of("incident-service", "timeline-service", "notification-service");
    /** Every module that has an image: the services and the local identity provider. */
    static final List<String> IMAGES = List.of("incident-service", "timeline-service", "notification-service", "local-auth");

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " under " + ROOT, e);
        }
    }

    /** A YAML file's documents, each a map (an empty document is skipped). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(String relative) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(relative))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static Map<String, Object> yaml(String relative) {
        List<Map<String, Object>> documents = yamlDocuments(relative);
        if (documents.size() != 1) {
            throw new IllegalStateException(relative + " holds " + documents.size() + " YAML documents, not one");
        }
        return documents.get(0);
    }

    /** The value at a dotted path of nested maps, or null. */
    @SuppressWarnings("unchecked")
    static Object at(Object tree, String dottedPath) {
        Object node = tree;
        for (String key : dottedPath.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object tree, String dottedPath) {
        Object node = at(tree, dottedPath);
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object tree, String dottedPath) {
        Object node = at(tree, dottedPath);
        return node instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
