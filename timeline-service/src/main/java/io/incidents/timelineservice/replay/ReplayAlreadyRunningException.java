package io.incidents.timelineservice.replay;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** 409: one replay at a time, across every instance. */
class ReplayAlreadyRunningException extends ResponseStatusException {

    ReplayAlreadyRunningException() {
        super(HttpStatus.CONFLICT, "A replay is already running (on this instance or another); see GET /api/v1/admin/replay.");
    }
}
