package io.incidents.timelineservice.incident;

public enum IncidentStatus {
    /** Declared, nobody has acknowledged it yet. */
    OPEN,
    /** A responder is on it. */
    ACKNOWLEDGED,
    /** A rollback completed, or a quick fix or workaround was applied: impact should be over, not yet confirmed resolved. */
    MITIGATED,
    RESOLVED
}
