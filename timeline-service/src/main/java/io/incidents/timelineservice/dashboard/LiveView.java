package io.incidents.timelineservice.dashboard;

/** What one open page is told about a batch of changes, in the data of a {@code changes} event. */
@FunctionalInterface
public interface LiveView {

    /** @return the event's data (one line of JSON) */
    String changed(Changes changes);
}
