package io.incidents.faults;

/** What the client may conclude about a command from the answers it got. */
enum Outcome {
    /** 2xx: its events must be in the store, once. */
    ACCEPTED,
    /** A 4xx to its only attempt (or to attempts none of which can have acted): nothing of it may be stored. */
    REFUSED,
    /** Refused after an attempt whose fate is unknown: stored once or not at all, never twice. */
    EITHER,
    /** The client gave up retrying: stored once or not at all, and reported. */
    UNKNOWN
}
