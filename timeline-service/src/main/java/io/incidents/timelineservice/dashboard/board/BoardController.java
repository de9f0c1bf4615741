package io.incidents.timelineservice.dashboard.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.Severity;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.LevelHolders;
import io.incidents.timelineservice.dashboard.LiveUpdates;
import io.incidents.timelineservice.dashboard.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The board: every open incident, most urgent first, kept current by its live stream, which
 * carries the changed rows themselves (drawn once per open board and batch, never fetched).
 */
@Controller
@DashboardPage
@Validated
class BoardController {

    /** More open incidents than this are not drawn; the page says so. */
    static final int MAX_ROWS = 2000;

    private final BoardRows boardRows;
    private final LevelHolders holders;
    private final LiveUpdates live;
    private final ObjectMapper json;

    BoardController(BoardRows boardRows, LevelHolders holders, LiveUpdates live, ObjectMapper json) {
        this.boardRows = boardRows;
        this.holders = holders;
        this.live = live;
        this.json = json;
    }

    @GetMapping("/")
    String board(@RequestParam(required = false) Severity severity,
                 @RequestParam(required = false) @Size(max = 100) String service,
                 @RequestParam(defaultValue = "false") boolean mine,
                 @RequestParam(required = false) BoardFilter.Show show,
                 Authentication user, HttpServletRequest request, Model model) {
        BoardFilter filter = new BoardFilter(severity, service, mine, show);
        holders.refreshIfStale();
        BoardRows.Board board = boardRows.all(user.getName());
        List<BoardRow> all = board.rows();
        List<BoardRow> shown = all.stream().filter(filter::accepts).toList();
        model.addAttribute("filter", filter);
        Map<String, String> cardLinks = new LinkedHashMap<>();
        for (BoardFilter.Show card : BoardFilter.Show.values()) {
            cardLinks.put(card.name(), filter.withShow(card));
        }
        model.addAttribute("cardLinks", cardLinks);
        model.addAttribute("rows", shown);
        model.addAttribute("rowsHtml", html(user, request).rows(shown));
        model.addAttribute("since", board.token());
        model.addAttribute("truncated", board.truncated());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("services", all.stream().flatMap(row -> row.services().stream()).distinct().sorted().toList());
        model.addAttribute("counts", BoardCounts.of(all).byCard());
        return "board";
    }

    /**
     * The board's live stream, with the board's filters: {@code changes} events carry the changed
     * incidents' ids and the rows of those the filters show. {@code since} is the batch the page
     * was drawn after; a reconnecting browser's {@code Last-Event-ID} takes its place.
     */
    @GetMapping(path = "/ui/board/stream", produces = "text/event-stream")
    SseEmitter stream(@RequestParam(required = false) Severity severity,
                      @RequestParam(required = false) @Size(max = 100) String service,
                      @RequestParam(defaultValue = "false") boolean mine,
                      @RequestParam(required = false) BoardFilter.Show show,
                      @RequestParam(required = false) @Size(max = 100) String since,
                      @RequestHeader(name = "Last-Event-ID", required = false) @Size(max = 100) String lastEventId,
                      Authentication user, HttpServletRequest request) {
        BoardFilter filter = new BoardFilter(severity, service, mine, show);
        BoardStream view = new BoardStream(boardRows, filter, user.getName(), html(user, request), json);
        return live.subscribe(view, lastEventId != null ? lastEventId : since);
    }

    /**
     * Rows for this viewer and request. The session's CSRF token is read now, while the request is
     * current: a stream's rows are drawn later, on the thread that sends live changes.
     */
    private static BoardRowHtml html(Authentication user, HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        CsrfToken token = csrf == null ? null : new DefaultCsrfToken(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken());
        return new BoardRowHtml(request.getContextPath(), Viewer.of(user).responder(), token);
    }
}
