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
}
