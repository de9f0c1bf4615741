package io.incidents.events.notification;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A post went on the public status page, exactly as the public reads it: public title,
 * components and text only (SPEC 6). Also made automatically (procedure D's "taken offline", the
 * resolution), so the post-mortem's communications list what the public actually saw.
 */
@Revision("1")
public record StatusPosted(String incidentId, String causeEventId, StatusPostKind kind, String publicTitle,
                           List<String> components, String message, Instant postedAt) implements NotificationEvent {

    public StatusPosted {
        components = components == null ? List.of() : List.copyOf(components);
    }

    @Override
    public Instant occurredAt() {
        return postedAt;
    }
}
