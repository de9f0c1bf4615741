package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The team wrote (or rewrote) one of the post-mortem's own sections; the latest text of each stands. */
@Revision("1")
public record PostMortemSectionWritten(String incidentId, PostMortemSection section, String text, String author,
                                       Instant writtenAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return writtenAt;
    }
}
