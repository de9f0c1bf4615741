package io.incidents.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the bench reads from the dashboard's board page: is it the board, how many rows, the session's CSRF token. */
final class BoardPage {

    /** A row of the board: {@code <tr ... class="row">}, or {@code class="row mine"} for my own. */
    private static final Pattern ROW = Pattern.compile("<tr\\s[^>]*\\bclass\\s*=\\s*\"row(?:\\s[^\"]*)?\"", Pattern.CASE_INSENSITIVE);

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

    /** For messages: what the page says it is. */
    static String title(String html) {
        Matcher title = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(html);
        return title.find() ? HtmlTags.unescape(title.group(1).strip()) : "(no title)";
    }
}
