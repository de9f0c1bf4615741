package io.incidents.incidentservice.eventstore;

import org.axonframework.messaging.MetaData;

/** Keys of the Axon metadata every command carries and every event inherits. */
public final class EventMetadata {

    /** Who did it: the logged-in user, or {@code system} for timers. */
    public static final String ACTOR = "actor";
    /** The actor of what timers do (escalations when nobody acknowledged). */
    public static final String SYSTEM_ACTOR = "system";
    /** The request it belongs to (the caller's X-Correlation-Id, or one we made up). */
    public static final String CORRELATION_ID = "correlationId";
    /**
     * {@code "true"} on the commands of an import of past incidents and so on their events: they
     * arm no timer here, and the relay marks their records so nobody is paged for the past.
     */
    public static final String IMPORTED = "imported";

    private EventMetadata() {
    }

    /** Whether a command or event belongs to an import of past incidents. */
    public static boolean isImported(MetaData metaData) {
        return metaData != null && "true".equals(String.valueOf(metaData.get(IMPORTED)));
    }
}
