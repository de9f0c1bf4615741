package io.incidents.notificationservice.routing;

import io.incidents.notificationservice.oncall.OnCall;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The name behind a recipient address (a webhook URL, an email), for showing who was told: a
 * configured contact's, else the name of the person of the on-call schedules it belongs to.
 */
@Component
public class ContactNames {

    private final Map<String, String> byAddress = new HashMap<>();
    private final Function<String, Optional<String>> people;

    @Autowired
    ContactNames(NotificationProperties properties, OnCall onCall) {
        this(properties, onCall::nameOf);
    }

    /** Configured contacts only. */
    public ContactNames(NotificationProperties properties) {
        this(properties, address -> Optional.empty());
    }

    private ContactNames(NotificationProperties properties, Function<String, Optional<String>> people) {
        this.people = people;
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

    /** The name, or null when the address is no longer configured nor anyone's in the on-call schedules. */
    public String of(String address) {
        String configured = byAddress.get(address);
        return configured != null ? configured : people.apply(address).orElse(null);
    }
}
