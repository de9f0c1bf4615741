package io.incidents.timelineservice.incident;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** 404: no event of this incident has reached the timeline. */
public class UnknownIncidentException extends ResponseStatusException {

    public UnknownIncidentException(String incidentId) {
        super(HttpStatus.NOT_FOUND, "No incident " + incidentId + " is known to the timeline.");
    }
}
