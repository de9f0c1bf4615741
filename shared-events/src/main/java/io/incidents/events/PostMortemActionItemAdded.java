package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/** An action item was added to the incident's post-mortem. */
@Revision("1")
public record PostMortemActionItemAdded(String incidentId, String actionItemId, String text, String owner, LocalDate dueDate,
                                        Instant addedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return addedAt;
    }
}
