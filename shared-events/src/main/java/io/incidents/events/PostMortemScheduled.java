package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The post-mortem got a due time and an owner (the plan: within 24-48 h of resolution). At
 * resolution it is scheduled 48 h later, owned by the incident commander if there is one; a
 * responder may schedule it again.
 */
@Revision("1")
public record PostMortemScheduled(String incidentId, String owner, Instant dueAt, Instant scheduledAt)
        implements IncidentEvent {

    @Override
    public Instant occurredAt() {
        return scheduledAt;
    }
}
