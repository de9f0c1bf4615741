package io.incidents.events.notification;

/** Which of the status page's posts (SPEC 6 and procedure D of SPEC 5) was made. */
public enum StatusPostKind {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    /** procedure D: "We have temporarily taken ... offline" */
    OFFLINE,
    RESOLVED
}
