package io.incidents.notificationservice.delivery;

/**
 * Published inside the transaction that wrote new messages to the delivery log; once it commits
 * the worker sends them at once instead of at its next poll.
 */
public record MessagesEnqueued(int count) {
}
