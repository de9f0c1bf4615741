package io.incidents.timelineservice.api;

import io.incidents.events.Severity;
import io.incidents.policy.RollbackDurations;
import io.incidents.support.events.StoredEvent;
import io.incidents.support.web.IncidentIds;
import io.incidents.timelineservice.api.IncidentResponses.IncidentDetail;
import io.incidents.timelineservice.api.IncidentResponses.IncidentItem;
import io.incidents.timelineservice.api.IncidentResponses.IncidentPage;
import io.incidents.timelineservice.api.IncidentResponses.TimelineResponse;
import io.incidents.timelineservice.incident.IncidentProjector;
import io.incidents.timelineservice.incident.IncidentStatus;
import io.incidents.timelineservice.incident.IncidentSummary;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.SummaryFilter;
import io.incidents.timelineservice.incident.UnknownIncidentException;
import io.incidents.timelineservice.ledger.EventLedger;
import io.incidents.timelineservice.notification.StoredNotification;
import io.incidents.timelineservice.timeline.Timeline;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The incident read API: the list, one incident, its timeline (also as of a past moment). */
@RestController
@RequestMapping("/api/v1/incidents")
@Validated
class IncidentQueryController {

    static final String ID = IncidentIds.PATTERN;

    private final EventLedger ledger;
    private final RollbackDurations rollbackDurations;
    private final Clock clock;

    IncidentQueryController(EventLedger liveLedger, RollbackDurations rollbackDurations, Clock clock) {
        this.ledger = liveLedger;
        this.rollbackDurations = rollbackDurations;
        this.clock = clock;
    }

    @Operation(summary = "Incidents, newest first, filtered and paged")
    @GetMapping
    IncidentPage list(@RequestParam(required = false) IncidentStatus status,
                      @RequestParam(required = false) Severity severity,
                      @RequestParam(required = false) @Size(max = 100) String service,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant declaredFrom,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant declaredTo,
                      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (declaredFrom != null && declaredTo != null && !declaredFrom.isBefore(declaredTo)) {
            throw new BadQueryException("declaredFrom must be before declaredTo");
        }
        SummaryFilter filter = new SummaryFilter(status, severity, service, declaredFrom, declaredTo);
        Instant now = clock.instant();
        List<IncidentItem> items = ledger.summaries(filter, page, size).stream()
                .map(summary -> IncidentItem.of(summary, rollbackDurations, now))
                .toList();
        return new IncidentPage(items, page, size, ledger.count(filter));
    }

    @Operation(summary = "One incident with roles, rollbacks, mitigations, notes, action items and its live SLA")
    @GetMapping("/{id}")
    IncidentDetail detail(@PathVariable @Pattern(regexp = ID) String id) {
        IncidentSummary summary = ledger.summary(id).orElseThrow(() -> new UnknownIncidentException(id));
        return IncidentDetail.of(summary, rollbackDurations, clock.instant());
    }

    @Operation(summary = "Every event of the incident in order, as sentences, with what notification-service sent and"
            + " posted interleaved by time (source notification-service); asOf shows it as it stood then")
    @GetMapping("/{id}/timeline")
    TimelineResponse timeline(@PathVariable @Pattern(regexp = ID) String id,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        List<StoredEvent> events = ledger.eventsOf(id);
        if (events.isEmpty()) {
            throw new UnknownIncidentException(id);
        }
        List<StoredEvent> shown = IncidentProjector.happenedBy(events, asOf);
        Instant now = clock.instant();
        // What is overdue, as of the moment asked for (never later than now).
        Instant judgedAt = asOf == null || asOf.isAfter(now) ? now : asOf;
        IncidentView incident = IncidentProjector.project(shown).map(view -> view.judgedAt(judgedAt)).orElse(null);
        // What notification-service did, interleaved by time; with asOf, only what it had done by then.
        List<StoredNotification> notifications = StoredNotification.happenedBy(ledger.notificationsOf(id), asOf);
        return new TimelineResponse(id, asOf, incident, Timeline.of(shown, notifications, rollbackDurations));
    }
}
