package io.incidents.timelineservice.dashboard.board;

import io.incidents.events.Severity;
import io.incidents.policy.RollbackDurations;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.LevelHolders;
import io.incidents.timelineservice.dashboard.LiveUpdates;
import io.incidents.timelineservice.ledger.EventLedger;
import jakarta.validation.constraints.Size;
import jakarta.servlet.http.HttpServletRequest;
import io.incidents.timelineservice.dashboard.Viewer;
import io.incidents.support.web.IncidentIds;
import io.incidents.timelineservice.incident.BadQueryException;
import io.incidents.timelineservice.incident.IncidentStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The board: every open incident, most urgent first, kept current by the live stream. The page's
 * script asks for the rows of the incidents the stream said changed, a second's worth at a time.
 */
@Controller
@DashboardPage
@Validated
class BoardController {

    /** More open incidents than this are not drawn; the page says so. */
    static final int MAX_ROWS = 2000;
    /** The most incidents one live update may ask for. */
    static final int MAX_IDS = 200;

    private final EventLedger ledger;
    private final RollbackDurations durations;
    private final LiveUpdates live;
    private final LevelHolders holders;
    private final Clock clock;

    BoardController(EventLedger liveLedger, RollbackDurations durations, LiveUpdates live, LevelHolders holders, Clock clock) {
        this.ledger = liveLedger;
        this.durations = durations;
        this.live = live;
        this.holders = holders;
        this.clock = clock;
    }

    @GetMapping("/")
    String board(@RequestParam(required = false) Severity severity,
                 @RequestParam(required = false) @Size(max = 100) String service,
                 @RequestParam(defaultValue = "false") boolean mine,
                 @RequestParam(required = false) BoardFilter.Show show,
                 Authentication user, HttpServletRequest request, Model model) {
        BoardFilter filter = new BoardFilter(severity, service, mine, show);
        List<BoardRow> all = openRows(user);
        List<BoardRow> shown = all.stream().filter(filter::accepts).toList();
        model.addAttribute("filter", filter);
        Map<String, String> cardLinks = new java.util.LinkedHashMap<>();
        for (BoardFilter.Show card : BoardFilter.Show.values()) {
            cardLinks.put(card.name(), filter.withShow(card));
        }
        model.addAttribute("cardLinks", cardLinks);
        model.addAttribute("rows", shown);
        model.addAttribute("rowsHtml", html(user, request).rows(shown));
        model.addAttribute("truncated", all.size() >= MAX_ROWS);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("services", all.stream().flatMap(row -> row.services().stream()).distinct().sorted().toList());
        model.addAttribute("counts", Map.of(
                "unacknowledged", all.stream().filter(BoardRow::unacknowledged).count(),
                "breaching", all.stream().filter(BoardRow::breaching).count(),
                "rollbacks", all.stream().filter(row -> row.rollback() != null).count(),
                "escalated", all.stream().filter(row -> row.escalationLevel() >= 2).count()));
        return "board";
    }

    /**
     * Some rows again, as the board's filters would show them: the page asks once a second for
     * every incident that changed meanwhile, however many changes there were. A requested
     * incident missing from the answer is no longer on the board.
     */
    @GetMapping(path = "/ui/board/rows", produces = "text/html")
    ResponseEntity<String> rows(@RequestParam @Size(min = 1, max = MAX_IDS) List<String> ids,
                                @RequestParam(required = false) Severity severity,
                                @RequestParam(required = false) @Size(max = 100) String service,
                                @RequestParam(defaultValue = "false") boolean mine,
                                @RequestParam(required = false) BoardFilter.Show show,
                                Authentication user, HttpServletRequest request) {
        if (!ids.stream().allMatch(id -> id.matches(IncidentIds.PATTERN))) {
            throw new BadQueryException("ids must be incident ids");
        }
        BoardFilter filter = new BoardFilter(severity, service, mine, show);
        Instant now = clock.instant();
        List<BoardRow> rows = ledger.summaries(ids.stream().distinct().toList()).stream()
                .map(summary -> BoardRow.of(summary, durations, holders, user.getName(), now))
                .filter(row -> row.status() != IncidentStatus.RESOLVED)
                .filter(filter::accepts)
                .toList();
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                .body("<table><tbody>" + html(user, request).rows(rows) + "</tbody></table>");
    }

    @GetMapping(path = "/ui/stream", produces = "text/event-stream")
    SseEmitter stream() {
        return live.subscribe();
    }

    private static BoardRowHtml html(Authentication user, HttpServletRequest request) {
        return new BoardRowHtml(request.getContextPath(), Viewer.of(user).responder(),
                (CsrfToken) request.getAttribute(CsrfToken.class.getName()));
    }

    private List<BoardRow> openRows(Authentication user) {
        Instant now = clock.instant();
        return ledger.openSummaries(MAX_ROWS).stream()
                .map(summary -> BoardRow.of(summary, durations, holders, user.getName(), now))
                .sorted(BoardRow.ORDER)
                .toList();
    }
}
