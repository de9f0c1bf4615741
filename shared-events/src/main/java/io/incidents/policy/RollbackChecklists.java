package io.incidents.policy;

import io.incidents.events.ChecklistItem;
import io.incidents.events.RollbackProcedure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checklists of every rollback (SPEC 5): before it (assess, decide, notify), the procedure's
 * own steps, and the verification after it. A rollback is verified only when every verification
 * item is ticked. Item ids are stable: ticks in the event log refer to them.
 */
public final class RollbackChecklists {

    public static final List<ChecklistItem> BEFORE = List.of(
            new ChecklistItem("before-assess", "Assess: impact, error rate, what changed"),
            new ChecklistItem("before-decide", "Decide: the procedure, from the decision matrix"),
            new ChecklistItem("before-notify", "Notify: responders and support"));

    public static final List<ChecklistItem> VERIFY = List.of(
            new ChecklistItem("verify-health", "Every service up and its health checks passing"),
            new ChecklistItem("verify-flows", "Critical user flows working"),
            new ChecklistItem("verify-error-rate", "Error rate under 1 % and response time back at baseline"),
            new ChecklistItem("verify-data", "Database integrity: connections, row counts"),
            new ChecklistItem("verify-watch", "Watched for 15 minutes"));

    private static final Map<RollbackProcedure, List<ChecklistItem>> STEPS = Map.of(
            RollbackProcedure.A, List.of(
                    new ChecklistItem("step-stop", "Stop the services"),
                    new ChecklistItem("step-checkout", "Check out the previous version"),
                    new ChecklistItem("step-rebuild", "Rebuild"),
                    new ChecklistItem("step-verify", "Verify")),
            RollbackProcedure.B, List.of(
                    new ChecklistItem("step-backup", "Back up the database"),
                    new ChecklistItem("step-stop", "Stop the services"),
                    new ChecklistItem("step-restore", "Restore the database"),
                    new ChecklistItem("step-code", "Roll back the code"),
                    new ChecklistItem("step-restart", "Restart"),
                    new ChecklistItem("step-verify", "Verify")),
            RollbackProcedure.C, List.of(
                    new ChecklistItem("step-identify", "Identify the failed service"),
                    new ChecklistItem("step-rollback", "Roll back that service alone"),
                    new ChecklistItem("step-verify", "Verify")),
            RollbackProcedure.D, List.of(
                    new ChecklistItem("step-stop-all", "Stop all services"),
                    new ChecklistItem("step-status-page", "Update the status page"),
                    new ChecklistItem("step-notify", "Notify the team"),
                    new ChecklistItem("step-investigate", "Investigate")));

    private RollbackChecklists() {
    }

    public static List<ChecklistItem> steps(RollbackProcedure procedure) {
        return STEPS.get(procedure);
    }

    /** Every item of a rollback of this procedure: before, steps, verification, in that order. */
    public static List<ChecklistItem> all(RollbackProcedure procedure) {
        List<ChecklistItem> all = new ArrayList<>(BEFORE);
        all.addAll(steps(procedure));
        all.addAll(VERIFY);
        return List.copyOf(all);
    }
}
