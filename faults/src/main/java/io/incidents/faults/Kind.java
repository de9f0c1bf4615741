package io.incidents.faults;

/**
 * The commands and alerts of the workload, each with the event it must leave in the store. The
 * workload writes a unique marker into a field of that event (a title, a message, a reason), so
 * the audit finds exactly the event a command made, or sees that it is missing or there twice.
 */
enum Kind {
    DECLARE("IncidentDeclared"),
    ALERT("IncidentDeclared"),
    STATUS("IncidentStatusUpdated"),
    ACKNOWLEDGE("IncidentAcknowledged"),
    ROLLBACK_START("RollbackStarted"),
    ROLLBACK_COMPLETE("RollbackCompleted"),
    RESOLVE("IncidentResolved"),
    REOPEN("IncidentReopened");

    private final String eventType;

    Kind(String eventType) {
        this.eventType = eventType;
    }

    /** The simple name of the event class the command stores. */
    String eventType() {
        return eventType;
    }
}
