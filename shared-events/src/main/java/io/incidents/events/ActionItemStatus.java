package io.incidents.events;

/** Where a post-mortem action item stands. */
public enum ActionItemStatus {
    OPEN,
    DONE,
    WONT_DO
}
