package io.incidents.events;

public enum EscalationReason {
    /** Not acknowledged within the acknowledge target of its severity. */
    ACK_OVERDUE,
    /** A responder asked for it. */
    MANUAL
}
