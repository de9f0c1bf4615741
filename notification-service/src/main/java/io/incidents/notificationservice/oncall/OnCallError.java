package io.incidents.notificationservice.oncall;

/** Why an on-call request was refused, with the HTTP status it answers. */
enum OnCallError {
    /** A field is missing or malformed. */
    INVALID(400),
    UNKNOWN_SCHEDULE(404),
    UNKNOWN_OVERRIDE(404),
    UNKNOWN_ROTATION(404),
    /** No such calendar feed, or not this token: the same answer, so a token cannot be probed for. */
    UNKNOWN_CALENDAR(404),
    /** A change that would take effect in the past: history is never rewritten. */
    PAST_DATED(409),
    /** The level already has a schedule in force (or one whose retirement is still to come). */
    LEVEL_HAS_SCHEDULE(409),
    /** Another live rotation of the schedule has the same rank: which one wins would be a guess. */
    RANK_TAKEN(409),
    /** The schedule is retired. */
    SCHEDULE_RETIRED(409),
    /** The override has already ended. */
    OVERRIDE_OVER(409),
    /** Nobody held the level recently, so the hand-off note needs the person named. */
    NO_OUTGOING_PERSON(409);

    private final int httpStatus;

    OnCallError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    int httpStatus() {
        return httpStatus;
    }
}
