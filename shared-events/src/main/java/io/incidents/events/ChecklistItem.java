package io.incidents.events;

/** One step of a checklist: a stable id (ticks refer to it) and what to do. */
public record ChecklistItem(String id, String text) {
}
