package io.incidents.notificationservice.routing;

import io.incidents.events.notification.OnCallSource;
import io.incidents.notificationservice.routing.NotificationProperties.Contact;

import java.util.List;

/**
 * Who held an escalation level at a moment, and where that came from (SPEC 4).
 *
 * @param contacts   the people to tell; empty when the level had nobody ({@link OnCallSource#NOBODY})
 * @param scheduleId the level's on-call schedule, null when it has none
 */
public record HeldLevel(int level, List<Contact> contacts, OnCallSource source, String scheduleId) {

    public HeldLevel {
        contacts = List.copyOf(contacts);
    }

    /** The level's configured contacts, or nobody when it has none. */
    static HeldLevel configured(int level, List<Contact> contacts, String scheduleId) {
        return new HeldLevel(level, contacts, contacts.isEmpty() ? OnCallSource.NOBODY : OnCallSource.CONTACTS, scheduleId);
    }

    public boolean nobody() {
        return contacts.isEmpty();
    }

    public List<String> names() {
        return contacts.stream().map(Contact::name).filter(name -> name != null && !name.isBlank()).toList();
    }
}
