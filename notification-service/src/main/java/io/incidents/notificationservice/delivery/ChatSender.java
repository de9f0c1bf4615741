package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhooks: {@code text} for notifications and old clients, one section block for the rest.
 * Every attempt carries the event's id in {@code X-Event-Id} (Slack ignores it; a bridge or proxy in
 * between can deduplicate on it, one message per event and channel), as the generic webhooks do.
 */
@Component
class ChatSender implements ChannelSender {

    private final RestClient http;

    ChatSender(RestClient deliveryHttpClient) {
        this.http = deliveryHttpClient;
    }

    @Override
    public Channel channel() {
        return Channel.CHAT;
    }

    @Override
    public void send(Delivery delivery) {
        Map<String, Object> body = Map.of(
                "text", delivery.body(),
                "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", delivery.body()))));
        http.post().uri(delivery.recipient()).contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSender.EVENT_ID_HEADER, delivery.eventId())
                .body(body).retrieve().toBodilessEntity();
    }
}
