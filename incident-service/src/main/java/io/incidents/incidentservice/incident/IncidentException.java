package io.incidents.incidentservice.incident;

/** A command the incident's current state does not allow. */
public class IncidentException extends RuntimeException {

    private final ErrorCode code;

    public IncidentException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
