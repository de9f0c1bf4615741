package io.incidents.incidentservice.incident;

/** How long an incident's texts may be, whoever writes them: the command API and alert ingestion alike. */
public final class IncidentFields {

    /** Titles, names, versions. */
    public static final int SHORT_TEXT = 200;
    /** Descriptions, reasons, messages. */
    public static final int LONG_TEXT = 10_000;

    private IncidentFields() {
    }

    /** The text cut to {@code max} characters, never in the middle of a surrogate pair. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
