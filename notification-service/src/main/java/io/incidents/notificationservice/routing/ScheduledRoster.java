package io.incidents.notificationservice.routing;

import io.incidents.notificationservice.oncall.OnCall;
import io.incidents.notificationservice.oncall.OnCallHolders;
import io.incidents.notificationservice.oncall.Person;
import io.incidents.notificationservice.routing.NotificationProperties.Contact;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * SPEC 4: whoever a level's on-call schedule had on call at the moment (an override's cover
 * included); the level's configured contacts when it has no schedule, or when its schedule had
 * nobody on call then (a gap, outside every rotation's hours).
 */
@Component
class ScheduledRoster implements Roster {

    private final OnCall onCall;
    private final NotificationProperties properties;

    ScheduledRoster(OnCall onCall, NotificationProperties properties) {
        this.onCall = onCall;
        this.properties = properties;
    }

    @Override
    public HeldLevel at(int level, Instant at) {
        Optional<OnCallHolders> scheduled = onCall.holders(level, at);
        if (scheduled.isPresent() && !scheduled.get().nobody()) {
            OnCallHolders holders = scheduled.get();
            return new HeldLevel(level, holders.people().stream().map(ScheduledRoster::contact).toList(), holders.source(),
                    holders.scheduleId());
        }
        return HeldLevel.configured(level, properties.level(level), scheduled.map(OnCallHolders::scheduleId).orElse(null));
    }

    private static Contact contact(Person person) {
        return new Contact(person.name(), person.email(), person.chatWebhook());
    }
}
