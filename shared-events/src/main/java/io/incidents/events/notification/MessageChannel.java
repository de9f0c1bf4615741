package io.incidents.events.notification;

/** How a message went out; the status page has its own event, {@link StatusPosted}. */
public enum MessageChannel {
    CHAT,
    EMAIL,
    WEBHOOK
}
