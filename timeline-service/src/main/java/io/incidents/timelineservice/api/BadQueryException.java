package io.incidents.timelineservice.api;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** 400: query parameters that are each valid but do not make sense together. */
public class BadQueryException extends ResponseStatusException {

    public BadQueryException(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
