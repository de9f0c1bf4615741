package io.incidents.timelineservice.dashboard.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.events.IncidentRole;
import io.incidents.events.MitigationKind;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.support.events.StoredEvent;
import io.incidents.support.web.IncidentIds;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.LevelHolders;
import io.incidents.timelineservice.dashboard.Upstream;
import io.incidents.timelineservice.dashboard.board.Countdown;
import io.incidents.timelineservice.incident.IncidentProjector;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.RollbackTiming;
import io.incidents.timelineservice.incident.UnknownIncidentException;
import io.incidents.timelineservice.ledger.EventLedger;
import io.incidents.timelineservice.notification.Communications;
import io.incidents.timelineservice.notification.StoredNotification;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import io.incidents.timelineservice.timeline.Timeline;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The incident room: one incident as it stands now, or as it stood at any earlier moment (the
 * as-of slider), with its timeline, people, rollbacks, mitigations, the responders' notes, what
 * notification-service sent and posted and whom it told at each level (from notification-events, so
 * also as of any moment), its live delivery log, and the actions a responder may take.
 */
@Controller
@DashboardPage
@Validated
class RoomController {

    private final EventLedger ledger;
    private final SlaPolicy slaPolicy;
    private final RollbackDurations durations;
    private final Upstream upstream;
    private final LevelHolders holders;
    private final Clock clock;

    RoomController(EventLedger liveLedger, SlaPolicy slaPolicy, RollbackDurations durations, Upstream upstream,
                   LevelHolders holders, Clock clock) {
        this.holders = holders;
        this.ledger = liveLedger;
        this.slaPolicy = slaPolicy;
        this.durations = durations;
        this.upstream = upstream;
        this.clock = clock;
    }

    /** A rollback, its timing against its procedure's expected range, and its checklists. */
    record RollbackCard(IncidentView.Rollback rollback, RollbackTiming timing, IncidentView.RollbackChecklist checklist) {
    }

    @GetMapping("/incidents/{id}")
    String room(@PathVariable @Pattern(regexp = IncidentIds.PATTERN) String id,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                Model model) {
        List<StoredEvent> events = ledger.eventsOf(id);
        Instant now = clock.instant();
        Instant at = asOf == null || asOf.isAfter(now) ? null : asOf;
        List<StoredEvent> shown = IncidentProjector.happenedBy(events, at);
        List<StoredNotification> notifications = ledger.notificationsOf(id);
        // What notification-service had done by the moment shown, no later.
        List<StoredNotification> shownNotifications = StoredNotification.happenedBy(notifications, at);
        Instant moment = at == null ? now : at;
        // What is overdue (action items, the post-mortem), as of the moment shown.
        IncidentView incident = IncidentProjector.project(shown).map(view -> view.judgedAt(moment)).orElse(null);
        if (incident == null && IncidentProjector.project(events).isEmpty()) {
            throw new UnknownIncidentException(id);
        }
        model.addAttribute("id", id);
        model.addAttribute("asOf", at);
        model.addAttribute("incident", incident);
        model.addAttribute("firstAt", events.get(0).occurredAt());
        model.addAttribute("now", now);
        model.addAttribute("eventTimes", Stream.concat(events.stream().map(StoredEvent::occurredAt),
                notifications.stream().map(StoredNotification::occurredAt)).distinct().sorted().toList());
        // Messages that went through are listed under "Communications sent"; in the timeline they would
        // drown the responders' actions (a SEV1 declaration alone sends a dozen). Levels told, status
        // posts and messages that failed stay in it.
        model.addAttribute("entries", Timeline.of(shown, shownNotifications.stream()
                .filter(notification -> !(notification.event() instanceof MessageDelivered)).toList(), durations));
        model.addAttribute("communications", Communications.of(shown, shownNotifications));
        if (incident != null) {
            IncidentSla sla = SlaEngine.evaluate(shown.stream().map(StoredEvent::event).toList(), slaPolicy, moment);
            model.addAttribute("ack", Countdown.of(sla.acknowledge(), sla.detectedAt(), moment));
            model.addAttribute("resolve", Countdown.of(sla.resolve(), sla.detectedAt(), moment));
            model.addAttribute("levelName", EscalationPolicy.levelName(incident.escalationLevel()));
            holders.refreshIfStale();
            model.addAttribute("levelHolder", holders.holderOf(incident.escalationLevel()));
            List<RollbackCard> rollbacks = rollbackCards(incident, moment);
            model.addAttribute("rollbacks", rollbacks);
            model.addAttribute("overrun", rollbacks.stream().anyMatch(card -> card.timing().overrun()));
            model.addAttribute("runningRollbacks", incident.rollbacks().stream()
                    .filter(r -> r.status() == IncidentView.RollbackStatus.RUNNING).toList());
        }
        model.addAttribute("messages", at == null ? messages(id) : null);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("phases", StatusPagePhase.values());
        model.addAttribute("roles", IncidentRole.values());
        model.addAttribute("procedures", RollbackProcedure.values());
        model.addAttribute("mitigationKinds", MitigationKind.values());
        return "room";
    }

    /** Each rollback with its timing as the read API judges it (one still running at a resolution: as of then). */
    private List<RollbackCard> rollbackCards(IncidentView incident, Instant moment) {
        List<RollbackTiming> timings = RollbackTiming.of(incident, durations, moment);
        return IntStream.range(0, timings.size())
                .mapToObj(i -> new RollbackCard(incident.rollbacks().get(i), timings.get(i), incident.checklists().rollbacks()
                        .stream().filter(c -> c.rollbackId().equals(incident.rollbacks().get(i).rollbackId())).findFirst()
                        .orElse(null)))
                .toList();
    }

    /** What notification-service sent about the incident, or why that cannot be shown right now. */
    private Messages messages(String id) {
        Upstream.Reply reply = upstream.get(Upstream.Service.NOTIFICATIONS, "/api/v1/notifications?incidentId=" + id);
        if (!reply.ok() || reply.body() == null) {
            return new Messages(List.of(), reply.detail() != null ? reply.detail() : "The delivery log is unavailable.");
        }
        List<JsonNode> items = new ArrayList<>();
        reply.body().path("items").forEach(items::add);
        return new Messages(items, null);
    }

    record Messages(List<JsonNode> items, String unavailable) {
    }
}
