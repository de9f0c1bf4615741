package io.incidents.events.notification;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The topic {@code notification-events}, its event types and their CloudEvents names ({@code notification.<Name>.v<revision>}). */
public final class NotificationEventTypes {

    public static final String TOPIC = "notification-events";
    public static final String SOURCE = "/notification-service";
    public static final String CLOUD_EVENT_TYPE_PREFIX = "notification.";

    public static final List<Class<? extends NotificationEvent>> ALL = List.of(
            LevelTold.class,
            MessageDelivered.class,
            MessageFailed.class,
            MessageParked.class,
            MessageRequeued.class,
            StatusPosted.class);

    private static final Map<String, Class<? extends NotificationEvent>> BY_CLOUD_EVENT_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(NotificationEventTypes::cloudEventType, Function.identity()));

    private NotificationEventTypes() {
    }

    public static String cloudEventType(Class<? extends NotificationEvent> type) {
        Revision revision = type.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalStateException(type.getName() + " has no @Revision");
        }
        return CLOUD_EVENT_TYPE_PREFIX + type.getSimpleName() + ".v" + revision.value();
    }

    public static Optional<Class<? extends NotificationEvent>> forCloudEventType(String cloudEventType) {
        return Optional.ofNullable(BY_CLOUD_EVENT_TYPE.get(cloudEventType));
    }
}
