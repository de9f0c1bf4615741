package io.incidents.notificationservice.routing;

import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The configured name behind a recipient address (a webhook URL, an email), for showing who was told. */
@Component
public class ContactNames {

    private final Map<String, String> byAddress = new HashMap<>();

    public ContactNames(NotificationProperties properties) {
        properties.levels().values().forEach(this::addAll);
        properties.services().values().forEach(this::addAll);
        addAll(properties.support());
        // A webhook delivery's recipient is the webhook's name (its URL is looked up at send time).
        properties.webhooks().forEach(webhook -> byAddress.putIfAbsent(webhook.name(), webhook.name()));
    }

    private void addAll(List<NotificationProperties.Contact> contacts) {
        for (NotificationProperties.Contact contact : contacts) {
            if (contact.chatWebhook() != null) {
                byAddress.putIfAbsent(contact.chatWebhook(), contact.name());
            }
            if (contact.email() != null) {
                byAddress.putIfAbsent(contact.email(), contact.name());
            }
        }
    }

    /** The name, or null when the address is no longer configured. */
    public String of(String address) {
        return byAddress.get(address);
    }
}
