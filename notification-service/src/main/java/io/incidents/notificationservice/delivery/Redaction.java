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
}
