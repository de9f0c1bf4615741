package io.incidents.notificationservice.oncall;

/**
 * Someone a schedule names, with where to reach them (either address may be null).
 *
 * @param chatWebhook a Slack-style incoming-webhook URL: a credential, never shown in full
 */
public record Person(String personId, String name, String email, String chatWebhook) {
}
