package io.incidents.browsersession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HTML reading for a client of the dashboard: the tags of one name with their
 * attributes, a page's title, from pages the stack renders itself (a login form, the board). Not a
 * parser for arbitrary HTML.
 */
public final class HtmlTags {

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=/>\"']+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+)))?");

    private HtmlTags() {
    }

    /** The attributes of every {@code <name ...>} tag in order, names in lower case, values unescaped. */
    public static List<Map<String, String>> find(String html, String name) {
        Pattern tag = Pattern.compile("<" + Pattern.quote(name) + "(\\s[^>]*)?/?>", Pattern.CASE_INSENSITIVE);
        List<Map<String, String>> tags = new ArrayList<>();
        Matcher found = tag.matcher(html);
        while (found.find()) {
            tags.add(attributes(found.group(1) == null ? "" : found.group(1)));
        }
        return tags;
    }

    /** The attributes written inside one tag ({@code name="value" other='x' flag}), names in lower case, values unescaped. */
    public static Map<String, String> attributes(String inside) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(inside);
        while (attribute.find()) {
            String value = attribute.group(2) != null ? attribute.group(2)
                    : attribute.group(3) != null ? attribute.group(3)
                    : attribute.group(4) != null ? attribute.group(4) : "";
            attributes.putIfAbsent(attribute.group(1).toLowerCase(Locale.ROOT), unescape(value));
        }
        return attributes;
    }

    /** For messages: what the page says it is, its {@code <title>}, or {@code (no title)}. */
    public static String title(String html) {
        Matcher title = TITLE.matcher(html);
        return title.find() ? unescape(title.group(1).strip()) : "(no title)";
    }

    /** The character references a server puts into attribute values (a URL's {@code &amp;}, a quote). */
    public static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        Matcher reference = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);").matcher(text);
        int at = 0;
        while (reference.find()) {
            plain.append(text, at, reference.start());
            String name = reference.group(1);
            plain.append(switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(name.startsWith("#x") || name.startsWith("#X")
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1))));
            });
            at = reference.end();
        }
        return plain.append(text, at, text.length()).toString();
    }
}
