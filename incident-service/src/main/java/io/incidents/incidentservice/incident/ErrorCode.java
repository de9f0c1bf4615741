package io.incidents.incidentservice.incident;

/** Why a command was refused; each code has one HTTP status. */
public enum ErrorCode {
    INCIDENT_NOT_FOUND(404),
    ROLLBACK_NOT_FOUND(404),
    ACTION_ITEM_NOT_FOUND(404),
    CHECKLIST_ITEM_NOT_FOUND(404),
    /** The post-mortem is completed: no more scheduling. */
    POST_MORTEM_COMPLETED(409),
    INCIDENT_RESOLVED(409),
    INCIDENT_NOT_RESOLVED(409),
    ROLLBACK_ALREADY_RUNNING(409),
    ROLLBACK_NOT_RUNNING(409),
    ESCALATION_AT_HIGHEST_LEVEL(409),
    /** An escalation for a missed acknowledgement before the acknowledgement was due, or after one. */
    ESCALATION_NOT_OVERDUE(409),
    CONCURRENT_MODIFICATION(409);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
