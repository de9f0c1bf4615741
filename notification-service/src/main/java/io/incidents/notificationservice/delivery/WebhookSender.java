package io.incidents.notificationservice.delivery;

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
 * prove it came from us and was not changed.
 */
@Component
class WebhookSender implements ChannelSender {

    static final String SIGNATURE_HEADER = "X-Signature";

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
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        http.post().uri(webhook.url())
                .contentType(MediaType.APPLICATION_JSON)
                .header(SIGNATURE_HEADER, "sha256=" + sign(body, webhook.secret()))
                .header("X-Event-Id", delivery.eventId())
                .body(body)
                .retrieve()
                .toBodilessEntity();
    }

    static String sign(byte[] body, String secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
