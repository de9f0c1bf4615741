package io.incidents.notificationservice.oncall;

/** A refused on-call request; {@code field} names the input at fault, when one is. */
class OnCallException extends RuntimeException {

    private final OnCallError code;
    private final String field;

    OnCallException(OnCallError code, String message) {
        this(code, null, message);
    }

    OnCallException(OnCallError code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    static OnCallException invalid(String field, String message) {
        return new OnCallException(OnCallError.INVALID, field, message);
    }

    OnCallError code() {
        return code;
    }

    String field() {
        return field;
    }
}
