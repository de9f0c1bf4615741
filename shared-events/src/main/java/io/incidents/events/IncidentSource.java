package io.incidents.events;

/**
 * Where an incident came from: declared by hand, or opened by an alert integration, in which
 * case {@code integration} and {@code dedupKey} say which alert stream it groups.
 */
public record IncidentSource(SourceType type, String integration, String dedupKey) {

    public static IncidentSource manual() {
        return new IncidentSource(SourceType.MANUAL, null, null);
    }

    public static IncidentSource alert(String integration, String dedupKey) {
        return new IncidentSource(SourceType.ALERT, integration, dedupKey);
    }
}
