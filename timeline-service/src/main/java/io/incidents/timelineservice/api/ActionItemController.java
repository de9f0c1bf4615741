package io.incidents.timelineservice.api;

import io.incidents.events.ActionItemStatus;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.ledger.EventLedger;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * Post-mortem action items still open across incidents (SPEC 7's follow-up): every one, or only
 * those overdue (open past the end of their due date, UTC), the earliest due first.
 */
@RestController
@RequestMapping("/api/v1/action-items")
@Validated
class ActionItemController {

    private static final Comparator<OpenActionItem> ORDER = Comparator
            .comparing(OpenActionItem::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(OpenActionItem::incidentId)
            .thenComparing(OpenActionItem::actionItemId);

    private final EventLedger ledger;
    private final Clock clock;

    ActionItemController(EventLedger liveLedger, Clock clock) {
        this.ledger = liveLedger;
        this.clock = clock;
    }

    /**
     * An open action item and its incident.
     *
     * @param overdue           open past the end of its due date (UTC), now
     * @param overdueRemindedAt when incident-service reminded its owner, if it has
     */
    record OpenActionItem(String incidentId, String incidentTitle, boolean drill, String actionItemId, String text,
                          String owner, LocalDate dueDate, ActionItemStatus status, boolean overdue, Instant overdueRemindedAt,
                          String link) {

        static OpenActionItem of(IncidentView incident, IncidentView.ActionItem item) {
            return new OpenActionItem(incident.incidentId(), incident.title(), incident.drill(), item.actionItemId(), item.text(),
                    item.owner(), item.dueDate(), item.status(), item.overdue(), item.overdueRemindedAt(),
                    "/api/v1/incidents/" + incident.incidentId());
        }
    }

    record OpenActionItems(List<OpenActionItem> items) {
    }

    @Operation(summary = "Action items still open across incidents, the earliest due first; overdue=true: only those past due")
    @GetMapping
    OpenActionItems list(@RequestParam(defaultValue = "false") boolean overdue,
                         @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // Each incident read has at least one matching item, so the first `limit` incidents hold the first `limit` items.
        List<OpenActionItem> items = ledger.withOpenActionItems(overdue ? today : null, limit).stream()
                .map(summary -> summary.view().judgedAt(now))
                .flatMap(incident -> incident.actionItems().stream()
                        .filter(item -> item.status() == ActionItemStatus.OPEN && (!overdue || item.overdue()))
                        .map(item -> OpenActionItem.of(incident, item)))
                .sorted(ORDER)
                .limit(limit)
                .toList();
        return new OpenActionItems(items);
    }
}
