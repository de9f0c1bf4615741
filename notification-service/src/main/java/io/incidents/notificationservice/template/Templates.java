package io.incidents.notificationservice.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nine message templates of SPEC section 6 (status page: investigating, identified,
 * monitoring, resolved; internal chat: initial, progress, resolution; support: alert,
 * resolution) and procedure D's status post (SPEC 5: offline) as Mustache text. Shipped defaults live in {@code templates/notifications/}; a
 * file of the same name in the configured folder replaces one. Plain text: no HTML escaping.
 */
public final class Templates {

    public static final List<String> NAMES = List.of(
            "status-investigating", "status-identified", "status-monitoring", "status-resolved", "status-offline",
            "chat-initial", "chat-progress", "chat-resolution",
            "support-alert", "support-resolution");

    private final Map<String, Template> compiled = new HashMap<>();

    public Templates(String overrideDir) {
        Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("");
        for (String name : NAMES) {
            compiled.put(name, compiler.compile(source(name, overrideDir)));
        }
    }

    public String render(String name, Map<String, Object> context) {
        Template template = compiled.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no template " + name);
        }
        return template.execute(context).strip();
    }

    private static String source(String name, String overrideDir) {
        try {
            if (overrideDir != null && !overrideDir.isBlank()) {
                Path file = Path.of(overrideDir, name + ".mustache");
                if (Files.isRegularFile(file)) {
                    return Files.readString(file, StandardCharsets.UTF_8);
                }
            }
            try (InputStream in = Templates.class.getResourceAsStream("/templates/notifications/" + name + ".mustache")) {
                if (in == null) {
                    throw new IllegalStateException("the default template " + name + " is missing from the build");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }
}
