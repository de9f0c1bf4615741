package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/** An action item was still open when its due date ended: its owner and the levels told are reminded. */
@Revision("1")
public record ActionItemOverdue(String incidentId, String actionItemId, String owner, LocalDate dueDate, Instant overdueAt)
        implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return overdueAt;
    }
}
