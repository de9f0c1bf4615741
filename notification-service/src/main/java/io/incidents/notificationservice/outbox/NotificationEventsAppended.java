package io.incidents.notificationservice.outbox;

/**
 * Published inside the transaction that appended to the outbox; once it commits the publisher
 * sends the new rows at once instead of at its next poll.
 */
record NotificationEventsAppended() {

    static final NotificationEventsAppended INSTANCE = new NotificationEventsAppended();
}
