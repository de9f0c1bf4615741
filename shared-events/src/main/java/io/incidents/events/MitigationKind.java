package io.incidents.events;

/** How an incident was mitigated when it was not rolled back (a rollback has its own events). */
public enum MitigationKind {
    /** A small change deployed to stop the harm (the plan: when it takes under 5 minutes). */
    QUICK_FIX,
    /** The harm avoided without fixing its cause: traffic moved, a feature switched off, a job paused. */
    WORKAROUND
}
