package io.incidents.events;

/** The public status-page phase of an open incident; resolution is its own event. */
public enum StatusPagePhase {
    INVESTIGATING, IDENTIFIED, MONITORING
}
