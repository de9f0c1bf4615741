package io.incidents.notificationservice.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidents.notificationservice.routing.Channel;
import io.incidents.notificationservice.routing.NotificationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Generic JSON webhooks. The body is signed with the endpoint's secret:
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>}, so a receiver can
 * prove it came from us and was not changed. Sending is at least once, so every attempt of a
 * message carries the same ids for the receiver to deduplicate on: {@code X-Event-Id} and the
 * signed body's {@code eventId} (one message per event and webhook), and the signed body's
 * {@code deliveryId} (its row in our delivery log).
 */
@Component
class WebhookSender implements ChannelSender {

    static final String SIGNATURE_HEADER = "X-Signature";
    static final String EVENT_ID_HEADER = "X-Event-Id";
    static final String DELIVERY_ID_FIELD = "deliveryId";
    // Decimals read as written (no double rounding, trailing zeros kept): the event goes out as it was stored.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private final RestClient http;
    private final NotificationProperties properties;

    WebhookSender(RestClient deliveryHttpClient, NotificationProperties properties) {
        this.http = deliveryHttpClient;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(Delivery delivery) throws GeneralSecurityException {
        NotificationProperties.Webhook webhook = properties.webhooks().stream()
                .filter(w -> w.name().equals(delivery.recipient()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no webhook named " + delivery.recipient() + " is configured"));
        byte[] body = withDeliveryId(delivery);
        http.post().uri(webhook.url())
                .contentType(MediaType.APPLICATION_JSON)
                .header(SIGNATURE_HEADER, "sha256=" + sign(body, webhook.secret()))
                .header(EVENT_ID_HEADER, delivery.eventId())
                .body(body)
                .retrieve()
                .toBodilessEntity();
    }

    /** The stored body with the delivery's id as its first field: the same bytes on every attempt. */
    static byte[] withDeliveryId(Delivery delivery) {
        try {
            JsonNode stored = JSON.readTree(delivery.body());
            if (!(stored instanceof ObjectNode fields)) {
                throw new IllegalStateException("webhook body of delivery " + delivery.id() + " is not a JSON object");
            }
            ObjectNode body = JSON.createObjectNode().put(DELIVERY_ID_FIELD, delivery.id());
            body.setAll(fields);
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook body of delivery " + delivery.id() + " is not JSON", e);
        }
    }

    static String sign(byte[] body, String secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
