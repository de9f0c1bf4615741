package io.incidents.faults;

/**
 * How a request ended for a client that retries as real senders do.
 *
 * @param status             the final HTTP status, or -1 when the client gave up (the outcome is unknown)
 * @param body               the final answer's body
 * @param attempts           how many times it was sent
 * @param afterUnknownAttempt an earlier attempt may have been carried out (a timeout, a lost connection, a 5xx)
 *                           before this answer came: a refusal now ("already resolved") may be about that attempt
 */
record Answer(int status, String body, int attempts, boolean afterUnknownAttempt) {

    boolean accepted() {
        return status >= 200 && status < 300;
    }

    Outcome outcome() {
        if (accepted()) {
            return Outcome.ACCEPTED;
        }
        if (status < 0) {
            return Outcome.UNKNOWN;
        }
        return afterUnknownAttempt ? Outcome.EITHER : Outcome.REFUSED;
    }
}
