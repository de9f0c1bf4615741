package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A responder wrote down a finding or a hypothesis (the plan's "document findings"). Internal:
 * shown in the timeline and the post-mortem, never on the status page or in a public message.
 */
@Revision("1")
public record IncidentNoteAdded(String incidentId, String noteId, String text, String author, Instant addedAt)
        implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return addedAt;
    }
}
