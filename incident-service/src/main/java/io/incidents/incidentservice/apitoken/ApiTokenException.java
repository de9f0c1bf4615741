package io.incidents.incidentservice.apitoken;

/** A refused token request; {@code field} names the request field at fault, if one is. */
class ApiTokenException extends RuntimeException {

    private final ApiTokenError code;
    private final String field;

    ApiTokenException(ApiTokenError code, String field, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.field = field;
    }

    static ApiTokenException invalid(String field, String message) {
        return new ApiTokenException(ApiTokenError.INVALID_TOKEN_REQUEST, field, message, null);
    }

    static ApiTokenException notFound(String id) {
        return new ApiTokenException(ApiTokenError.TOKEN_NOT_FOUND, null, "No API token " + id + " exists.", null);
    }

    static ApiTokenException unavailable(Throwable cause) {
        return new ApiTokenException(ApiTokenError.TOKEN_DISTRIBUTION_UNAVAILABLE, null,
                "Kafka did not confirm the change in time, so no service would honour it: nothing was changed; retry later.",
                cause);
    }

    ApiTokenError code() {
        return code;
    }

    String field() {
        return field;
    }
}
