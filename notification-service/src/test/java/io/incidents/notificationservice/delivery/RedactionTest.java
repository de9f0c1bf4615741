package io.incidents.notificationservice.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void aWebhookUrlKeepsOnlyItsSchemeAndHost() {
        assertThat(Redaction.redact("I/O error on POST request for \"https://hooks.slack.com/services/T0/B0/XYZ\": timeout"))
                .isEqualTo("I/O error on POST request for \"https://hooks.slack.com/…\": timeout");
        assertThat(Redaction.redact("oncall@example.com")).isEqualTo("oncall@example.com");
    }

    @Test
    void anAddressShownByTheApiHidesWebhookPathsAndMostOfAnEmailsLocalPart() {
        assertThat(Redaction.redactAddress("https://hooks.slack.com/services/T0/B0/XYZ")).isEqualTo("https://hooks.slack.com/…");
        assertThat(Redaction.redactAddress("oncall@example.com")).isEqualTo("o…@example.com");
        assertThat(Redaction.redactAddress(null)).isNull();
    }
}
