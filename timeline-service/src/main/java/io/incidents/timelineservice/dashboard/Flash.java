package io.incidents.timelineservice.dashboard;

/** What the next page says about the action just taken: done, or refused and why. */
public record Flash(boolean ok, String text) {
}
