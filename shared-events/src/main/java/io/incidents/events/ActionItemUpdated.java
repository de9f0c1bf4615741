package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/** An action item's owner, due date or status changed (also long after resolution); these are its new values. */
@Revision("1")
public record ActionItemUpdated(String incidentId, String actionItemId, String owner, LocalDate dueDate,
                                ActionItemStatus status, String updatedBy, Instant updatedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
