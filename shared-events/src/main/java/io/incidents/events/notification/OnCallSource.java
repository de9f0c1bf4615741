package io.incidents.events.notification;

/** Where the people told at an escalation level came from (SPEC 4). */
public enum OnCallSource {
    /** whoever the level's on-call schedule had on call at that moment */
    SCHEDULE,
    /** an override of the level's schedule (someone covering a shift) */
    OVERRIDE,
    /** the level's configured contacts: it has no schedule, or its schedule had nobody on call */
    CONTACTS,
    /** nobody at all: the level's messages went to the next level up that had someone */
    NOBODY
}
