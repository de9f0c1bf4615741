package io.incidents.bench;

import io.incidents.browsersession.HtmlTags;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bench reads from the dashboard's board page: is it the board, how many rows, what each
 * row shows, the session's CSRF token.
 */
final class BoardPage {

    /** A row of the board: {@code <tr ... class="row">}, or {@code class="row mine"} for my own. */
    private static final Pattern ROW = Pattern.compile("<tr\\s[^>]*\\bclass\\s*=\\s*\"row(?:\\s[^\"]*)?\"", Pattern.CASE_INSENSITIVE);

    /** A row's element id is this and the incident's id. */
    private static final String ROW_ID_PREFIX = "row-";
    static final String NO_STATUS = "(a row without data-status)";

    private BoardPage() {
    }

    /** The board, not a login form or an error page: it has the table the live updates write into. */
    static boolean isBoard(String html) {
        return html.contains("id=\"board-body\"");
    }

    static int rows(String html) {
        Matcher row = ROW.matcher(html);
        int count = 0;
        while (row.find()) {
            count++;
        }
        return count;
    }

    /**
     * What each row shows, by incident id in the order drawn: the board's rows
     * ({@code <tr id="row-ID" class="row" ... data-status="OPEN">}), whether a whole page or the
     * rows of a {@code changes} event. A row without a status shows {@link #NO_STATUS}.
     */
    static Map<String, String> rowStatuses(String html) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Map<String, String> row : HtmlTags.find(html, "tr")) {
            String id = row.getOrDefault("id", "");
            if (id.startsWith(ROW_ID_PREFIX)) {
                statuses.put(id.substring(ROW_ID_PREFIX.length()), row.getOrDefault("data-status", NO_STATUS));
            }
        }
        return statuses;
    }

    /** The CSRF token every page carries for its scripts ({@code <meta name="csrf-token" content="...">}). */
    static Optional<String> csrfToken(String html) {
        return meta(html, "csrf-token");
    }

    /** The header the token goes in ({@code <meta name="csrf-header" content="X-CSRF-TOKEN">}). */
    static Optional<String> csrfHeader(String html) {
        return meta(html, "csrf-header");
    }

    private static Optional<String> meta(String html, String name) {
        return HtmlTags.find(html, "meta").stream()
                .filter(meta -> name.equals(meta.get("name")))
                .map(meta -> meta.get("content"))
                .filter(content -> content != null && !content.isEmpty())
                .findFirst();
    }
}
