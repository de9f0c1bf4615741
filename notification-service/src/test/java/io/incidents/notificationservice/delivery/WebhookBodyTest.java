package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookBodyTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    static Delivery delivery(long id, String eventId, Channel channel, String recipient, String body) {
        return new Delivery(id, eventId, "incident-1", channel, recipient, "chat-initial", "subject", body,
                Delivery.Status.PENDING, 0, T0, null, T0, null, 0, null, null, false, null, null);
    }

    @Test
    void theSignedBodyStartsWithTheDeliveryIdAndKeepsTheStoredEventAsItWas() {
        String stored = "{\"eventId\":\"e-1\",\"sequence\":3,\"ratio\":1.10,\"big\":12345678901234567890,\"message\":\"hi\","
                + "\"event\":{\"title\":\"\\u00e9t\\u00e9 \\\"x\\\"\"}}";

        String body = new String(WebhookSender.withDeliveryId(delivery(42, "e-1", Channel.WEBHOOK, "bridge", stored)),
                StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"deliveryId\":42,\"eventId\":\"e-1\",\"sequence\":3,\"ratio\":1.10,"
                + "\"big\":12345678901234567890,\"message\":\"hi\",\"event\":{\"title\":\"été \\\"x\\\"\"}}");
    }

    @Test
    void everyAttemptSendsTheSameBytes() {
        Delivery delivery = delivery(7, "e-2", Channel.WEBHOOK, "bridge", "{\"eventId\":\"e-2\",\"message\":\"m\"}");

        assertThat(WebhookSender.withDeliveryId(delivery)).isEqualTo(WebhookSender.withDeliveryId(delivery));
    }

    @Test
    void aStoredBodyThatIsNotAJsonObjectIsRefused() {
        assertThatThrownBy(() -> WebhookSender.withDeliveryId(delivery(8, "e-3", Channel.WEBHOOK, "bridge", "[1]")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("delivery 8");
    }
}
