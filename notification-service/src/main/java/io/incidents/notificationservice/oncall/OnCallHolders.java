package io.incidents.notificationservice.oncall;

import io.incidents.events.notification.OnCallSource;

import java.util.List;

/**
 * Who held an escalation level at a moment, as its on-call schedule says.
 *
 * @param scheduleId the schedule in force for the level at that moment
 * @param people     who was on call; empty when the schedule had nobody then (a gap, or outside
 *                   every rotation's active hours): the level's configured contacts answer for it
 * @param source     {@link OnCallSource#OVERRIDE} when an override put them there, else
 *                   {@link OnCallSource#SCHEDULE} (also when nobody was on call)
 */
public record OnCallHolders(int level, String scheduleId, List<Person> people, OnCallSource source) {

    public OnCallHolders {
        people = List.copyOf(people);
    }

    public boolean nobody() {
        return people.isEmpty();
    }
}
