package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A checklist item was ticked ({@code done}) or unticked, with who and when. {@code checklist} is
 * {@value IncidentTypeSet#RUNBOOK_CHECKLIST} for the runbook's steps, or {@code rollback:<rollbackId>}
 * for a rollback's checklists (before, the procedure's steps, verification; see
 * {@link io.incidents.policy.RollbackChecklists}).
 */
@Revision("1")
public record ChecklistItemTicked(String incidentId, String checklist, String itemId, boolean done, String tickedBy,
                                  Instant tickedAt) implements IncidentEvent {

    public static String rollbackChecklist(String rollbackId) {
        return "rollback:" + rollbackId;
    }

    @Override
    public Instant occurredAt() {
        return tickedAt;
    }
}
