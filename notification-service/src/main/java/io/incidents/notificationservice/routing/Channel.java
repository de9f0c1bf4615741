package io.incidents.notificationservice.routing;

public enum Channel {
    /** Slack incoming-webhook JSON. */
    CHAT,
    EMAIL,
    /** Generic JSON webhook, HMAC-SHA256 signed. */
    WEBHOOK,
    /** The public status page. */
    STATUS_PAGE
}
