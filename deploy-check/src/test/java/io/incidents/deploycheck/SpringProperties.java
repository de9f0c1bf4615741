package io.incidents.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Boot's own properties, from the configuration metadata its jars carry
 * ({@code META-INF/spring-configuration-metadata.json}), and how an environment variable binds to
 * one, by Spring's own binder.
 */
final class SpringProperties {

    private static final Pattern MAP_OF = Pattern.compile("java\\.util\\.Map<java\\.lang\\.String,\\s*([\\w.$]+)>");

    private final Map<String, String> types = new HashMap<>();

    private SpringProperties() {
    }

    static SpringProperties load() {
        SpringProperties properties = new SpringProperties();
        ObjectMapper json = new ObjectMapper();
        for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            try {
                for (URL url : Collections.list(SpringProperties.class.getClassLoader().getResources(resource))) {
                    try (InputStream in = url.openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            properties.types.putIfAbsent(property.path("name").asText(), property.path("type").asText(""));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!properties.types.containsKey("server.port")) {
            throw new IllegalStateException("no Spring Boot configuration metadata on the class path");
        }
        return properties;
    }

    /**
     * Whether Spring Boot has this property: named in its metadata, or an entry of a map property
     * whose values have it as a field (spring.security.oauth2.client.registration.local.client-id:
     * the map {@code registration}, the key {@code local}, the Registration's {@code clientId}).
     */
    boolean exists(String property) {
        if (types.containsKey(property)) {
            return true;
        }
        String[] parts = property.split("\\.");
        for (int i = parts.length - 2; i > 0; i--) {
            String prefix = String.join(".", List.of(parts).subList(0, i));
            Matcher map = MAP_OF.matcher(types.getOrDefault(prefix, ""));
            if (map.matches()) {
                // A map of strings (spring.kafka.properties) takes any key, dots and all: sasl.mechanism.
                return map.group(1).equals("java.lang.String")
                        || hasFields(map.group(1), List.of(parts).subList(i + 1, parts.length));
            }
        }
        return false;
    }

    private static boolean hasFields(String className, List<String> path) {
        if (path.isEmpty()) {
            return true;
        }
        try {
            Class<?> type = Class.forName(className, false, SpringProperties.class.getClassLoader());
            for (String part : path) {
                Field field = field(type, camelCase(part));
                if (field == null) {
                    return false;
                }
                type = field.getType();
            }
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** Whether Spring, given {@code variable} in the environment, binds its value to {@code property}. */
    static boolean binds(String variable, String property) {
        StandardEnvironment environment = new StandardEnvironment();
        // Named as the real one (which it replaces), so Spring maps its names as it does the environment's.
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(variable, "value-of-" + variable.toLowerCase(Locale.ROOT))));
        return Binder.get(environment).bind(ConfigurationPropertyName.of(property), Bindable.of(String.class))
                .map(("value-of-" + variable.toLowerCase(Locale.ROOT))::equals)
                .orElse(false);
    }
}
