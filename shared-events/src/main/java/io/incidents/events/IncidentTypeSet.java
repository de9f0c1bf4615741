package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The incident's type (one of the plan's common scenarios, e.g. {@code database-connections}) was
 * set, with its runbook's checklist as it read then: the event carries the steps, so the timeline
 * and the as-of views show what responders saw even after the runbook file is edited.
 * {@code suggested}: set from an alert's label or words, not by a responder.
 */
@Revision("1")
public record IncidentTypeSet(String incidentId, String type, String runbookTitle, List<ChecklistItem> checklist,
                              boolean suggested, Instant setAt) implements IncidentEvent {

    /** The checklist of the incident's runbook, as named in {@link ChecklistItemTicked#checklist()}. */
    public static final String RUNBOOK_CHECKLIST = "runbook";

    public IncidentTypeSet {
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
    }

    @Override
    public Instant occurredAt() {
        return setAt;
    }
}
