package io.incidents.notificationservice.routing;

/** One message to send: through which channel, to whom (an address, a webhook URL or name), with which template. */
public record Notification(Channel channel, String recipient, String template) {
}
