package io.incidents.incidentservice.eventstore;

/** Keys of the Axon metadata every command carries and every event inherits. */
public final class EventMetadata {

    /** Who did it: the logged-in user, or {@code system} for timers. */
    public static final String ACTOR = "actor";
    /** The actor of what timers do (escalations when nobody acknowledged). */
    public static final String SYSTEM_ACTOR = "system";
    /** The request it belongs to (the caller's X-Correlation-Id, or one we made up). */
    public static final String CORRELATION_ID = "correlationId";

    private EventMetadata() {
    }
}
