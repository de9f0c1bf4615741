package io.incidents.notificationservice.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.EventJson;
import io.incidents.events.EventTypes;
import io.incidents.events.notification.LevelTold;
import io.incidents.events.notification.StatusPosted;
import io.incidents.notificationservice.delivery.DeliveryLog;
import io.incidents.notificationservice.delivery.MessagesEnqueued;
import io.incidents.notificationservice.incident.IncidentLedger;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.outbox.NotificationEventsOutbox;
import io.incidents.notificationservice.routing.Channel;
import io.incidents.notificationservice.routing.HeldLevel;
import io.incidents.notificationservice.routing.Notification;
import io.incidents.notificationservice.routing.NotificationProperties;
import io.incidents.notificationservice.routing.Router;
import io.incidents.notificationservice.template.MessageContext;
import io.incidents.notificationservice.template.Templates;
import io.incidents.policy.EscalationPolicy;
import io.incidents.support.events.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one incident event into the messages it calls for, in one transaction with storing the
 * event: the delivery log rows (sent later by the worker) and the status-page entries, each post
 * published on {@code notification-events} ({@link StatusPosted}, through the outbox, in the same
 * transaction), as is each escalation level the event newly tells and who held it ({@link LevelTold}).
 * An event seen before calls for nothing, so a redelivery or a replay never sends or
 * publishes anything twice. Events are
 * told in each incident's order ({@link IncidentLedger}): one arriving past a gap waits for the
 * missing one, at most {@code notifications.gap-hold}.
 */
@Component
public class NotificationIntake {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final IncidentLedger ledger;
    private final Router router;
    private final Templates templates;
    private final DeliveryLog deliveries;
    private final JdbcTemplate jdbc;
    private final NotificationProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final NotificationEventsOutbox outbox;

    NotificationIntake(IncidentLedger ledger, Router router, Templates templates, DeliveryLog deliveries, JdbcTemplate jdbc,
                       NotificationProperties properties, Clock clock, TransactionTemplate transaction,
                       ApplicationEventPublisher events, NotificationEventsOutbox outbox) {
        this.transaction = transaction;
        this.events = events;
        this.outbox = outbox;
        this.ledger = ledger;
        this.router = router;
        this.templates = templates;
        this.deliveries = deliveries;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the event was new to this service, and how many messages it called for. */
    public record Outcome(boolean isNew, int messages) {
    }

    @Transactional
    public Outcome accept(StoredEvent event) {
        IncidentLedger.Recorded recorded = ledger.record(event);
        return new Outcome(recorded.isNew(), tell(recorded.due()));
    }

    /**
     * Every incident whose next event has waited longer than {@code notifications.gap-hold}
     * behind a missing one stops waiting: what follows the gap is told now.
     */
    @Scheduled(fixedDelayString = "${notifications.gap-check-interval:15s}")
    public void passOverdueGaps() {
        for (String incidentId : ledger.overdue(clock.instant().minus(properties.gapHold()))) {
            transaction.executeWithoutResult(status -> tell(ledger.releaseOverdue(incidentId)));
        }
    }

    /** The messages each event calls for, in the order the events happened. */
    private int tell(List<IncidentLedger.Change> due) {
        Instant now = clock.instant();
        int count = 0;
        int toSend = 0;
        for (IncidentLedger.Change change : due) {
            StoredEvent event = change.event();
            IncidentState incident = change.after();
            Map<String, Object> context = MessageContext.of(incident, event.event(), properties.links());
            Router.Routing routing = router.decide(event.event(), change.before().orElse(null), incident);
            for (HeldLevel level : routing.levelsTold()) {
                outbox.append(new LevelTold(event.incidentId(), event.eventId(), level.level(),
                        EscalationPolicy.levelName(level.level()), level.names(), level.source(), level.scheduleId(),
                        event.occurredAt()));
            }
            for (Notification notification : routing.notifications()) {
                String message = templates.render(notification.template(), context);
                String subject = MessageContext.subject(incident, notification.template());
                boolean added = switch (notification.channel()) {
                    case STATUS_PAGE -> postToStatusPage(event, incident, notification, message, subject, now);
                    case WEBHOOK -> deliveries.enqueue(event.eventId(), event.incidentId(), notification.channel(),
                            notification.recipient(), notification.template(), subject, webhookBody(event, message), now);
                    default -> deliveries.enqueue(event.eventId(), event.incidentId(), notification.channel(),
                            notification.recipient(), notification.template(), subject, message, now);
                };
                count += added ? 1 : 0;
                toSend += added && notification.channel() != Channel.STATUS_PAGE ? 1 : 0;
            }
        }
        if (toSend > 0) {
            // The worker sends them once this transaction commits, not at its next poll.
            events.publishEvent(new MessagesEnqueued(toSend));
        }
        return count;
    }

    /**
     * Files the post under the phase the router gave it (procedure D's under the incident's current
     * one) and publishes it as the public reads it: its public title (or the default one), public
     * components and text. Only a post filed now is published: one the event made before (a
     * redelivery, a replay, a re-driven record) is not published again.
     */
    private boolean postToStatusPage(StoredEvent event, IncidentState incident, Notification notification, String message,
                                     String subject, Instant now) {
        Notification.StatusPost post = notification.statusPost();
        int filed = jdbc.update("INSERT INTO status_entry (event_id, incident_id, phase, message, posted_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", event.eventId(), event.incidentId(), post.phase().name(), message,
                Timestamp.from(event.occurredAt()));
        if (filed > 0) {
            outbox.append(new StatusPosted(event.incidentId(), event.eventId(), post.kind(),
                    incident.publicTitle() == null ? MessageContext.DEFAULT_PUBLIC_TITLE : incident.publicTitle(),
                    incident.publicComponents(), message, event.occurredAt()));
        }
        return deliveries.recordDelivered(event.eventId(), event.incidentId(), notification.channel(), notification.recipient(),
                notification.template(), subject, message, now);
    }

    /** The generic webhook's JSON: the event as on Kafka plus the rendered message. Signed when sent. */
    private static String webhookBody(StoredEvent event, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("type", EventTypes.cloudEventType(event.event().getClass()));
        body.put("incidentId", event.incidentId());
        body.put("sequence", event.sequence());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("message", message);
        body.put("event", event.event());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook body cannot be written", e);
        }
    }
}
