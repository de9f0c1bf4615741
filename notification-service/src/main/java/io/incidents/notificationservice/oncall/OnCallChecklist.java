package io.incidents.notificationservice.oncall;

import io.incidents.support.files.EditableFile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-call checklists of the plan (SPEC 7: before the shift, during it, after it), which the
 * plan names but does not spell out: an editable Markdown file, a {@code # title}, an introduction,
 * and {@code ## section} headings each with a list of items. The shipped one is
 * {@code oncall/checklist.md}; a file named in {@code notifications.oncall.checklist} replaces it.
 * Read once at start; a file without sections or items stops the start with a message naming it.
 */
public record OnCallChecklist(String title, String introduction, List<Section> sections) {

    static final String SHIPPED = "/oncall/checklist.md";
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:\\d+[.)]|[-*])\\s+(.+)$");

    public record Section(String name, List<String> items) {

        public Section {
            items = List.copyOf(items);
        }
    }

    public OnCallChecklist {
        sections = List.copyOf(sections);
    }

    /** The checklist of {@code file}, or the shipped one when it is null or blank. */
    static OnCallChecklist of(String file) {
        boolean own = file != null && !file.isBlank();
        return parse(EditableFile.read(OnCallChecklist.class, SHIPPED, file, "notifications.oncall.checklist"), own ? file : SHIPPED);
    }

    static OnCallChecklist parse(String markdown, String source) {
        String title = "On-call checklist";
        List<String> introduction = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        String section = null;
        List<String> items = new ArrayList<>();
        for (String line : markdown.replace("\r\n", "\n").split("\n")) {
            Matcher item = ITEM.matcher(line);
            if (line.startsWith("## ")) {
                if (section != null) {
                    sections.add(new Section(section, items));
                }
                section = line.substring(3).strip();
                items = new ArrayList<>();
            } else if (line.startsWith("# ")) {
                title = line.substring(2).strip();
            } else if (item.matches() && section != null) {
                items.add(item.group(1).strip());
            } else if (!line.isBlank() && section == null) {
                introduction.add(line.strip());
            }
        }
        if (section != null) {
            sections.add(new Section(section, items));
        }
        if (sections.isEmpty() || sections.stream().anyMatch(s -> s.items().isEmpty())) {
            throw new IllegalArgumentException("the on-call checklist " + source
                    + " needs '## ' sections (before, during, after the shift), each with a list of items ('- ...')");
        }
        return new OnCallChecklist(title, String.join(" ", introduction), sections);
    }
}
