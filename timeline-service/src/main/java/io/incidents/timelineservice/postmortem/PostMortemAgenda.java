package io.incidents.timelineservice.postmortem;

import io.incidents.support.files.EditableFile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The post-mortem meeting's agenda (SPEC 7: the plan names it but does not spell it out), an
 * editable Markdown file: a {@code # title}, a paragraph of introduction, and a list of items
 * ({@code 1. ...} or {@code - ...}). The shipped one is {@code postmortem/agenda.md}; a file named
 * in {@code incidents.postmortem.agenda} replaces it. Read once at start; a file without items
 * stops the start with a message naming it.
 */
public record PostMortemAgenda(String title, String introduction, List<String> items) {

    static final String SHIPPED = "/postmortem/agenda.md";
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:\\d+[.)]|[-*])\\s+(.+)$");

    public PostMortemAgenda {
        items = List.copyOf(items);
    }

    /** The agenda shipped with the service. */
    public static PostMortemAgenda shipped() {
        return of(null);
    }

    /** The agenda of {@code file}, or the shipped one when it is null or blank. */
    public static PostMortemAgenda of(String file) {
        boolean own = file != null && !file.isBlank();
        return parse(EditableFile.read(PostMortemAgenda.class, SHIPPED, file, "incidents.postmortem.agenda"), own ? file : SHIPPED);
    }

    static PostMortemAgenda parse(String markdown, String source) {
        String title = "Post-mortem meeting agenda";
        List<String> introduction = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String line : markdown.replace("\r\n", "\n").split("\n")) {
            Matcher item = ITEM.matcher(line);
            if (line.startsWith("# ")) {
                title = line.substring(2).strip();
            } else if (item.matches()) {
                items.add(item.group(1).strip());
            } else if (!line.isBlank() && !line.startsWith("#") && items.isEmpty()) {
                introduction.add(line.strip());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("The post-mortem agenda " + source
                    + " lists no items (lines such as \"1. Timeline walk-through (15 min)\")");
        }
        return new PostMortemAgenda(title, String.join(" ", introduction), items);
    }
}
