package io.incidents.notificationservice.routing;

import io.incidents.events.notification.StatusPostKind;

/**
 * One message to send: through which channel, to whom (an address, a webhook URL or name), with which template.
 *
 * @param statusPost on the status page, which post this is and where the page files it; null on every other channel
 */
public record Notification(Channel channel, String recipient, String template, StatusPost statusPost) {

    public Notification {
        if ((channel == Channel.STATUS_PAGE) != (statusPost != null)) {
            throw new IllegalArgumentException("a status-page notification, and only one, says which post it is");
        }
    }

    public Notification(Channel channel, String recipient, String template) {
        this(channel, recipient, template, null);
    }

    /**
     * A status-page post: which of the posts it is, and the page's phase it is filed under
     * (INVESTIGATING, IDENTIFIED, MONITORING or RESOLVED). Each post is filed under its own phase
     * except procedure D's "taken offline" ({@link StatusPostKind#OFFLINE}), which is no phase of
     * its own: it goes under the incident's current one.
     */
    public record StatusPost(StatusPostKind kind, StatusPostKind phase) {

        public StatusPost {
            if (kind == null || phase == null || phase == StatusPostKind.OFFLINE) {
                throw new IllegalArgumentException("a status post needs a kind and a phase of the page, not " + phase);
            }
        }
    }
}
