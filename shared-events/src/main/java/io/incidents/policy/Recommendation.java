package io.incidents.policy;

public enum Recommendation {
    /** Roll back at once; at most 5 minutes of downtime. */
    ROLLBACK_NOW,
    /** Roll back within the response window. */
    ROLLBACK,
    /** Investigate for the response window, then roll back. */
    INVESTIGATE,
    /** Keep the deployment and fix forward. */
    FIX_FORWARD
}
