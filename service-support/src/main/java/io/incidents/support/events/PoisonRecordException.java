package io.incidents.support.events;

/** A record that can never be applied as it is: retrying it a little and then parking it is all we can do. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
