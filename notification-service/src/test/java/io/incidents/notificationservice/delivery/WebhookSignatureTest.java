package io.incidents.notificationservice.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() throws Exception {
        // RFC 4231 test case 2
        String signature = WebhookSender.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe");

        assertThat(signature).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
