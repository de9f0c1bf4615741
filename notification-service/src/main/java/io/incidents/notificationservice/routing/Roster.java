package io.incidents.notificationservice.routing;

import java.time.Instant;

/**
 * Who holds each escalation level at a moment. Asked with the moment an event happened, never
 * "now", so the same event always reaches the same people whenever it is handled.
 */
@FunctionalInterface
public interface Roster {

    HeldLevel at(int level, Instant at);

    /** Each level's configured contacts, whatever the moment: for a service with no on-call schedules. */
    static Roster configured(NotificationProperties properties) {
        return (level, at) -> HeldLevel.configured(level, properties.level(level), null);
    }
}
