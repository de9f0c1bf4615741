package io.incidents.timelineservice.notification;

import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.RollbackStarted;
import io.incidents.events.SeverityChanged;
import io.incidents.events.notification.LevelTold;
import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.MessageFailed;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.MessageRequeued;
import io.incidents.events.notification.OnCallSource;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.support.events.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What notification-service actually did about an incident, from its {@code notification-events}
 * (SPEC 2, 7): who was told at each escalation level, each status-page post, the messages
 * delivered per template and channel, and those not delivered (still failing, parked, or put back
 * in line after being parked), so a reader sees who was not reached. Pure: the same events give
 * the same result, in {@link StoredNotification#ORDER} whatever order they come in. The incident's
 * own events only name what called for each one ({@link Cause}).
 *
 * @param levelsTold        every level told, at declaration, escalation or a raise in severity, in order
 * @param statusPosts       every post on the public status page, the automatic ones included, in order
 * @param messagesDelivered the messages delivered, grouped by template and channel, in the order of their first delivery
 * @param notDelivered      each message whose last word is not a delivery, in the order it first appeared
 */
public record Communications(List<Level> levelsTold, List<StatusPost> statusPosts, List<DeliveredGroup> messagesDelivered,
                             List<NotDelivered> notDelivered) {

    public static final Communications NONE = new Communications(List.of(), List.of(), List.of(), List.of());

    /**
     * The incident event that called for a notification event.
     *
     * @param eventId its {@code ce_id}
     * @param type    its type ({@code SeverityChanged}, ...); null when timeline-service does not have it (yet)
     * @param text    what it was, for people: "declaration", "raise to SEV1", "escalation to level 2 (ack overdue)", ...
     */
    public record Cause(String eventId, String type, String text) {
    }

    /**
     * An escalation level told of the incident, with whom and where they came from.
     *
     * @param people nobody when {@code source} is {@link OnCallSource#NOBODY}: its messages went to the next level up
     */
    public record Level(int level, String levelName, List<String> people, OnCallSource source, String scheduleId,
                        Instant toldAt, Cause cause, String eventId) {
    }

    /**
     * A post on the public status page, as the public read it.
     *
     * @param automatic made by notification-service on its own (procedure D's offline post, the resolution), not
     *                  from a responder's status update
     */
    public record StatusPost(StatusPostKind kind, String publicTitle, List<String> components, String message,
                             Instant postedAt, boolean automatic, Cause cause, String eventId) {
    }

    /**
     * The messages written from one template and delivered on one channel.
     *
     * @param recipients each recipient once, in the order they were first reached
     * @param messages   how many messages (deliveries) went through
     * @param retried    how many of them needed more than one attempt
     */
    public record DeliveredGroup(String template, MessageChannel channel, List<String> recipients, int messages, int retried,
                                 Instant firstDeliveredAt, Instant lastDeliveredAt) {
    }

    /** Where a message that has not gone through stands. */
    public enum Undelivered {
        /** it failed and is being retried */
        FAILING,
        /** it kept failing past notification-service's give-up time: unsent, waiting for an operator */
        PARKED,
        /** it was parked and is due again (an operator retried it, or its destination works again) */
        REQUEUED
    }

    /**
     * A message not delivered (as of the last of its events): whom it did not reach.
     *
     * @param attempts       the attempts counted by its last failure or parking
     * @param error          the last error, URLs cut to scheme and host
     * @param outcomeUnknown its last failure was a timeout: the receiver may have it
     * @param at             when it came to stand so
     * @param nextAttemptAt  for a failing one, when it is tried again
     * @param requeueReason  for one put back in line, why
     */
    public record NotDelivered(long deliveryId, MessageChannel channel, String recipient, String template, Undelivered state,
                               int attempts, String error, boolean outcomeUnknown, Instant at, Instant nextAttemptAt,
                               MessageRequeued.Reason requeueReason) {
    }

    /** The incident's notification events folded, each one's cause named from the incident's events. */
    public static Communications of(List<StoredEvent> incidentEvents, Collection<StoredNotification> notifications) {
        Map<String, StoredEvent> causes = new HashMap<>();
        incidentEvents.forEach(event -> causes.put(event.eventId(), event));
        List<Level> levels = new ArrayList<>();
        List<StatusPost> posts = new ArrayList<>();
        Map<Long, Delivery> deliveries = new LinkedHashMap<>();
        for (StoredNotification stored : StoredNotification.inOrder(notifications)) {
            Cause cause = cause(stored.event().causeEventId(), causes);
            if (stored.event() instanceof LevelTold e) {
                levels.add(new Level(e.level(), e.levelName(), e.people(), e.source(), e.scheduleId(), e.toldAt(), cause,
                        stored.eventId()));
            } else if (stored.event() instanceof StatusPosted e) {
                posts.add(new StatusPost(e.kind(), e.publicTitle(), e.components(), e.message(), e.postedAt(),
                        !IncidentStatusUpdated.class.getSimpleName().equals(cause.type()) && cause.type() != null, cause,
                        stored.eventId()));
            } else if (stored.event() instanceof MessageDelivered e) {
                delivery(deliveries, e.deliveryId(), e.channel(), e.recipient(), e.template()).delivered(e, stored.eventId());
            } else if (stored.event() instanceof MessageFailed e) {
                delivery(deliveries, e.deliveryId(), e.channel(), e.recipient(), e.template()).failed(e);
            } else if (stored.event() instanceof MessageParked e) {
                delivery(deliveries, e.deliveryId(), e.channel(), e.recipient(), e.template()).parked(e);
            } else if (stored.event() instanceof MessageRequeued e) {
                delivery(deliveries, e.deliveryId(), e.channel(), e.recipient(), e.template()).requeued(e);
            }
        }
        return new Communications(List.copyOf(levels), List.copyOf(posts), delivered(deliveries.values()),
                deliveries.values().stream().filter(d -> d.deliveredAt == null).map(Delivery::notDelivered).toList());
    }

    /** Whether notification-service reported anything at all. */
    public boolean isEmpty() {
        return levelsTold.isEmpty() && statusPosts.isEmpty() && messagesDelivered.isEmpty() && notDelivered.isEmpty();
    }

    /** The incident event {@code eventId}, named for people; "event ... (not received yet)" when it is not here. */
    public static Cause cause(String eventId, Map<String, StoredEvent> byId) {
        StoredEvent stored = eventId == null ? null : byId.get(eventId);
        if (stored == null) {
            return new Cause(eventId, null, "event " + eventId + " (not received yet)");
        }
        IncidentEvent event = stored.event();
        String text;
        if (event instanceof IncidentDeclared declared) {
            text = declared.drill() ? "declaration (drill)" : "declaration";
        } else if (event instanceof SeverityChanged changed) {
            text = (changed.to().isMoreSevereThan(changed.from()) ? "raise to " : "change to ") + changed.to();
        } else if (event instanceof IncidentEscalated escalated) {
            text = "escalation to level " + escalated.level() + " (" + reason(escalated.reason()) + ")";
        } else if (event instanceof IncidentStatusUpdated) {
            text = "status update";
        } else if (event instanceof RollbackStarted started) {
            text = "rollback (procedure " + started.procedure() + ")";
        } else if (event instanceof IncidentResolved) {
            text = "resolution";
        } else if (event instanceof IncidentReopened) {
            text = "reopen";
        } else {
            text = stored.type();
        }
        return new Cause(eventId, stored.type(), text);
    }

    private static String reason(EscalationReason reason) {
        return reason == null ? "manual" : reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Delivery delivery(Map<Long, Delivery> deliveries, long deliveryId, MessageChannel channel, String recipient,
                                     String template) {
        return deliveries.computeIfAbsent(deliveryId, id -> new Delivery(id, channel, recipient, template));
    }

    /** The delivered messages per template and channel, in the order of each group's first delivery. */
    private static List<DeliveredGroup> delivered(Collection<Delivery> deliveries) {
        record Key(String template, MessageChannel channel) {
        }
        Map<Key, List<Delivery>> groups = new LinkedHashMap<>();
        deliveries.stream().filter(d -> d.deliveredAt != null)
                .sorted(java.util.Comparator.comparing((Delivery d) -> d.deliveredAt).thenComparing(d -> d.deliveredEventId))
                .forEach(d -> groups.computeIfAbsent(new Key(d.template, d.channel), k -> new ArrayList<>()).add(d));
        return groups.entrySet().stream().map(group -> {
            List<Delivery> members = group.getValue();
            Set<String> recipients = new LinkedHashSet<>();
            members.forEach(d -> recipients.add(d.recipient));
            return new DeliveredGroup(group.getKey().template(), group.getKey().channel(), List.copyOf(recipients),
                    members.size(), (int) members.stream().filter(d -> d.attempts > 1).count(),
                    members.get(0).deliveredAt, members.get(members.size() - 1).deliveredAt);
        }).toList();
    }

    /** One message's story, event by event; its last word counts. */
    private static final class Delivery {
        private final long deliveryId;
        private final MessageChannel channel;
        private final String recipient;
        private final String template;
        private Undelivered state;
        private Instant deliveredAt;
        private String deliveredEventId;
        private int attempts;
        private String error;
        private boolean outcomeUnknown;
        private Instant at;
        private Instant nextAttemptAt;
        private MessageRequeued.Reason requeueReason;

        Delivery(long deliveryId, MessageChannel channel, String recipient, String template) {
            this.deliveryId = deliveryId;
            this.channel = channel;
            this.recipient = recipient;
            this.template = template;
        }

        /** The first delivery counts; a failure reported after it (a late copy) does not undo it. */
        void delivered(MessageDelivered e, String eventId) {
            if (deliveredAt == null) {
                deliveredAt = e.deliveredAt();
                deliveredEventId = eventId;
                attempts = e.attempts();
            }
        }

        void failed(MessageFailed e) {
            if (deliveredAt == null) {
                state = Undelivered.FAILING;
                at = e.failedAt();
                attempts = e.attempts();
                error = e.error();
                outcomeUnknown = e.outcomeUnknown();
                nextAttemptAt = e.nextAttemptAt();
            }
        }

        void parked(MessageParked e) {
            if (deliveredAt == null) {
                state = Undelivered.PARKED;
                at = e.parkedAt();
                attempts = e.attempts();
                error = e.error();
                nextAttemptAt = null;
            }
        }

        void requeued(MessageRequeued e) {
            if (deliveredAt == null) {
                state = Undelivered.REQUEUED;
                at = e.requeuedAt();
                requeueReason = e.reason();
                nextAttemptAt = null;
            }
        }

        NotDelivered notDelivered() {
            return new NotDelivered(deliveryId, channel, recipient, template, state, attempts, error, outcomeUnknown, at,
                    nextAttemptAt, state == Undelivered.REQUEUED ? requeueReason : null);
        }
    }
}
