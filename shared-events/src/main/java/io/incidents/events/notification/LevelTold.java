package io.incidents.events.notification;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An escalation level was told of the incident for the first time: at declaration, at an
 * escalation or at a raise in severity (SPEC 4). {@code people} are the names of whoever held
 * the level at {@code toldAt}, as its on-call schedule or its configured contacts said; so "who
 * was on call when this was declared" stays answerable whatever the schedule says later.
 *
 * @param source     where {@code people} came from; {@link OnCallSource#NOBODY} when the level
 *                   had nobody and its messages went to the next level up
 * @param scheduleId the schedule consulted, null when the level has none
 */
@Revision("1")
public record LevelTold(String incidentId, String causeEventId, int level, String levelName, List<String> people,
                        OnCallSource source, String scheduleId, Instant toldAt) implements NotificationEvent {

    public LevelTold {
        people = people == null ? List.of() : List.copyOf(people);
    }

    @Override
    public Instant occurredAt() {
        return toldAt;
    }
}
