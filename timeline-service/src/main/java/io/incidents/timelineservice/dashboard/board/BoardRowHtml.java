package io.incidents.timelineservice.dashboard.board;

import io.incidents.timelineservice.dashboard.Times;
import org.springframework.security.web.csrf.CsrfToken;

import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * Writes board rows as HTML. The board draws up to 2,000 of them per request, where the template
 * engine took about a millisecond a row; this takes microseconds. Every value that came from an
 * alert or a person goes through {@code htmlEscape}; the markup matches what {@code board.js}
 * and the stylesheet expect. The markup itself is ASCII (entities for dashes and dots), so the
 * page is written out on the fast path.
 */
final class BoardRowHtml {

    /** About what one row takes, so the builder is not copied as it grows. */
    private static final int ROW_SIZE = 1800;

    private final String contextPath;
    private final boolean responder;
    private final CsrfToken csrf;

    /** @param csrf the session's token for the Ack forms; only needed when {@code responder} */
    BoardRowHtml(String contextPath, boolean responder, CsrfToken csrf) {
        this.contextPath = contextPath;
        this.responder = responder;
        this.csrf = csrf;
    }

    String rows(Collection<BoardRow> rows) {
        StringBuilder html = new StringBuilder(ROW_SIZE * Math.max(1, rows.size()));
        rows.forEach(row -> row(html, row));
        return html.toString();
    }

    private void row(StringBuilder html, BoardRow row) {
        String id = htmlEscape(row.id());
        String href = contextPath + "/incidents/" + id;
        String severity = row.severity().name();
        html.append("<tr id=\"row-").append(id).append("\" class=\"row").append(row.mine() ? " mine" : "")
                .append("\" tabindex=\"0\" data-id=\"").append(id).append("\" data-severity=\"").append(severity)
                .append("\" data-status=\"").append(row.status().name()).append("\" data-rollback=\"").append(row.rollback() != null)
                .append("\" data-overrun=\"").append(row.overrun()).append("\" data-drill=\"").append(row.drill())
                .append("\" data-phase=\"").append(row.responsePhase() == null ? "" : row.responsePhase().name())
                .append("\" data-level=\"").append(row.escalationLevel()).append("\" data-href=\"").append(href).append("\">");
        html.append("<td><span class=\"sev ").append(lower(severity)).append("\">").append(severity).append("</span></td>");
        html.append("<td class=\"title\"><a href=\"").append(href).append("\">").append(htmlEscape(row.title())).append("</a>");
        if (row.drill()) {
            html.append(" <strong class=\"drill-mark\" title=\"a drill: one of the plan's simulations\">DRILL</strong>");
        }
        html
                .append("<div class=\"meta\"><span class=\"status\">").append(lower(row.status().name())).append("</span> &middot; ");
        if (row.responsePhase() != null) {
            html.append("<span class=\"response-phase\">").append(htmlEscape(row.responsePhase().title())).append("</span>");
            if (row.responsePhaseSince() != null) {
                html.append(" since ");
                time(html, row.responsePhaseSince(), null);
            }
            html.append(" &middot; ");
        }
        html.append("<span>")
                .append(htmlEscape(String.join(", ", row.services()))).append("</span> &middot; declared ");
        time(html, row.declaredAt(), "rel");
        html.append("</div></td>");
        clock(html, row.acknowledge(), "acknowledge");
        clock(html, row.resolve(), "resolve");
        html.append("<td class=\"level\" data-label=\"escalation\"><span title=\"").append(htmlEscape(row.escalationLevelName()))
                .append("\">L").append(row.escalationLevel()).append("</span> <span class=\"meta\">")
                .append(htmlEscape(row.levelHolder())).append("</span></td>");
        html.append("<td data-label=\"commander\">").append(row.commander() == null ? "&mdash;" : htmlEscape(row.commander())).append("</td>");
        html.append("<td data-label=\"status page\">").append(row.phase() == null ? "not posted" : lower(row.phase().name())).append("</td>");
        html.append("<td data-label=\"rollback\">");
        BoardRow.RunningRollback rollback = row.rollback();
        if (rollback == null && !row.overrun()) {
            html.append("&mdash;");
        }
        if (rollback != null) {
            html.append("<span class=\"rollback").append(rollback.overrun() ? " overrun" : "").append("\" data-started=\"")
                    .append(rollback.startedAt().toEpochMilli()).append("\" data-max=\"").append(rollback.expectedMaxSeconds())
                    .append("\"><span>procedure ").append(htmlEscape(rollback.procedure())).append("</span> <span class=\"elapsed\"></span>");
            if (rollback.overrun()) {
                html.append(" <strong class=\"overrun-mark\">overrun</strong>");
            }
            html.append("</span>");
        }
        if (row.overrun() && (rollback == null || !rollback.overrun())) {
            // An earlier rollback overran (finished or still running beside the one shown): the row says so all the same.
            html.append(" <strong class=\"overrun-mark\" title=\"a rollback of this incident ran past its procedure's expected time\">")
                    .append("overrun</strong>");
        }
        html.append("</td><td data-label=\"decision matrix\">");
        if (row.recommendation() == null || row.recommendation().recommendation() == null) {
            html.append("&mdash;");
        } else {
            html.append("<span>").append(row.recommendation().recommendation().name()).append("</span>");
            if (row.recommendation().decideBy() != null) {
                html.append(" <span class=\"meta\">decide by ");
                time(html, row.recommendation().decideBy(), null);
                html.append("</span>");
            }
        }
        html.append("</td>");
        if (responder) {
            html.append("<td class=\"row-actions\">");
            if (row.unacknowledged()) {
                html.append("<form method=\"post\" action=\"").append(href).append("/actions/acknowledge\" class=\"inline\">")
                        .append("<input type=\"hidden\" name=\"back\" value=\"board\">");
                if (csrf != null) {
                    html.append("<input type=\"hidden\" name=\"").append(htmlEscape(csrf.getParameterName())).append("\" value=\"")
                            .append(htmlEscape(csrf.getToken())).append("\">");
                }
                html.append("<button type=\"submit\" class=\"small\" aria-label=\"Acknowledge ").append(htmlEscape(row.title()))
                        .append("\">Ack</button></form>");
            }
            html.append("</td>");
        }
        html.append("</tr>\n");
    }

    private static void clock(StringBuilder html, Countdown clock, String label) {
        html.append("<td class=\"clock ").append(clock.cssClass()).append("\" data-start=\"").append(millis(clock.start()))
                .append("\" data-deadline=\"").append(millis(clock.deadline())).append("\" data-stopped=\"")
                .append(millis(clock.stoppedAt())).append("\" data-clock=\"").append(label).append("\">")
                .append("<div class=\"bar\" role=\"img\" aria-label=\"").append(label).append(": ").append(htmlEscape(clock.text()))
                .append("\"><span class=\"fill\" data-percent=\"").append(clock.percentLeft()).append("\"></span></div>")
                .append("<span class=\"clock-text\">").append(htmlEscape(clock.text())).append("</span> <span class=\"meta\">due ");
        time(html, clock.deadline(), null);
        html.append("</span></td>");
    }

    private static void time(StringBuilder html, Instant at, String cssClass) {
        html.append("<time datetime=\"");
        Times.appendIsoSeconds(html, at).append("\" title=\"");
        Times.appendUtc(html, at).append('"');
        if (cssClass != null) {
            html.append(" class=\"").append(cssClass).append('"');
        }
        html.append('>');
        Times.appendUtc(html, at).append("</time>");
    }

    private static long millis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
