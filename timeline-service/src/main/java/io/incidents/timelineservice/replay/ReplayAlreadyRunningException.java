package io.incidents.timelineservice.replay;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** 409: one replay at a time. */
class ReplayAlreadyRunningException extends ResponseStatusException {

    ReplayAlreadyRunningException() {
        super(HttpStatus.CONFLICT, "A replay is already running; see GET /api/v1/admin/replay.");
    }
}
