package io.incidents.notificationservice.delivery;

import java.util.regex.Pattern;

/**
 * Hides the secret part of URLs (a Slack incoming-webhook URL is its own credential) in what is
 * logged or stored as an error: only scheme and host remain.
 */
final class Redaction {

    private static final Pattern URL_PATH = Pattern.compile("(https?://[^/\\s\"']+)/[^\\s\"']*");

    private Redaction() {
    }

    static String redact(String text) {
        return text == null ? null : URL_PATH.matcher(text).replaceAll("$1/…");
    }

    /**
     * A recipient as the delivery-log API shows it: a URL without its path, an email address
     * with only the first letter of its local part (enough to tell two apart, not to harvest).
     */
    static String redactAddress(String recipient) {
        if (recipient == null) {
            return null;
        }
        int at = recipient.lastIndexOf('@');
        if (!recipient.contains("://") && at > 0) {
            return recipient.charAt(0) + "…" + recipient.substring(at);
        }
        return redact(recipient);
    }
}
