package io.incidents.events;

/** Rollback procedures of SPEC section 5. */
public enum RollbackProcedure {
    /** Code rollback: code failed, database unchanged. */
    A,
    /** Code and database rollback: the deployment included a migration. */
    B,
    /** Partial rollback: one service failing. */
    C,
    /** Emergency shutdown: security breach, data corruption. */
    D
}
