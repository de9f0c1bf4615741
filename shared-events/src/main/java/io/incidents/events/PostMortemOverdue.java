package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The post-mortem was not completed by its due time: its owner and the levels told are reminded. */
@Revision("1")
public record PostMortemOverdue(String incidentId, String owner, Instant dueAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return dueAt;
    }
}
