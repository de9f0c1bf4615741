package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The post-mortem meeting was held and its document finished; no more reminders for it. */
@Revision("1")
public record PostMortemCompleted(String incidentId, String completedBy, Instant completedAt) implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return completedAt;
    }
}
