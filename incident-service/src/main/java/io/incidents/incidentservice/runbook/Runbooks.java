package io.incidents.incidentservice.runbook;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The incident types and their runbooks: the plan's seven scenarios shipped in
 * {@code runbooks/}, replaced or extended by the files of {@code incidents.runbooks.dir}. Read
 * once at start; an invalid file stops the start with a message naming it.
 */
@Component
public class Runbooks {

    /** The shipped types, in the order an alert's words are matched: the most specific first. */
    static final List<String> SHIPPED = List.of("security-incident", "database-connections", "memory-leak",
            "external-provider", "performance-degradation", "high-error-rate", "service-outage");

    private final Map<String, Runbook> byType = new LinkedHashMap<>();

    public Runbooks(RunbookProperties properties) {
        for (String type : SHIPPED) {
            byType.put(type, RunbookFile.parse(type, shipped(type)));
        }
        if (properties.dir() != null && !properties.dir().isBlank()) {
            readFolder(Path.of(properties.dir()));
        }
    }

    public Optional<Runbook> find(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    public Collection<Runbook> all() {
        return byType.values();
    }

    /**
     * The type an alert suggests: the one it names (Alertmanager label {@code incident_type}, PagerDuty
     * {@code custom_details.incident_type}, native {@code type}) if known, else the first whose words
     * its summary or description mentions.
     */
    public Optional<Runbook> suggestFor(String namedType, String text) {
        Optional<Runbook> named = find(namedType);
        if (named.isPresent() || text == null) {
            return named;
        }
        return byType.values().stream().filter(runbook -> runbook.mentionedIn(text)).findFirst();
    }

    private void readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("incidents.runbooks.dir " + dir + " is not a folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList()) {
                String name = file.getFileName().toString();
                String type = name.substring(0, name.length() - ".md".length());
                byType.put(type, RunbookFile.parse(type, Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("runbooks in " + dir + " cannot be read", e);
        }
    }

    private static String shipped(String type) {
        try (InputStream in = Runbooks.class.getResourceAsStream("/runbooks/" + type + ".md")) {
            if (in == null) {
                throw new IllegalStateException("the shipped runbook " + type + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
