package io.incidents.incidentservice.apitoken;

/** Why a token request was refused, with its HTTP status (mapped in {@link ApiTokenProblems}). */
enum ApiTokenError {
    INVALID_TOKEN_REQUEST(400),
    TOKEN_NOT_FOUND(404),
    TOKEN_DISTRIBUTION_UNAVAILABLE(503);

    private final int httpStatus;

    ApiTokenError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    int httpStatus() {
        return httpStatus;
    }
}
