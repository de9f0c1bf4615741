package io.incidents.incidentservice.incident;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a service name may look like, wherever it enters an incident: the command API refuses
 * anything else, alert ingestion normalises to it. Bounded and plain, because service names are
 * indexed downstream (a GIN key of a few KB fails) and shown on the public status page.
 */
public final class ServiceNames {

    public static final int MAX_LENGTH = 100;
    /** As they appear in deployments and alert labels. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._/-]{0,99}";
    public static final String MESSAGE = "must be a service name (letters, digits, . _ / -, at most 100)";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private ServiceNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * The nearest valid name: surrounding spaces dropped, every other character outside the
     * pattern replaced by '-', leading non-alphanumerics stripped, cut to {@value #MAX_LENGTH}
     * characters; empty when nothing is left. Used where refusing is worse than a plain name,
     * such as an alert label (Alertmanager would retry a refused payload forever).
     */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        String text = raw.strip();
        // Code points, so a character outside the BMP becomes one '-', not two.
        for (int i = 0; i < text.length() && name.length() < MAX_LENGTH; i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            boolean alphanumeric = c < 128 && Character.isLetterOrDigit(c);
            if (name.isEmpty() && !alphanumeric) {
                continue;
            }
            name.append(alphanumeric || c == '.' || c == '_' || c == '/' || c == '-' ? (char) c : '-');
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(name.toString());
    }
}
