package io.incidents.incidentservice.runbook;

import io.incidents.events.ChecklistItem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a runbook file (Markdown an operator can edit):
 * <pre>
 * # Title
 * Suggested for alerts mentioning: word, another phrase
 *
 * - [item-id] What to do
 * </pre>
 * Item ids must be unique: ticks in the event log refer to them. Other lines are ignored.
 */
final class RunbookFile {

    static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern ITEM = Pattern.compile("^-\\s*\\[([a-z0-9][a-z0-9-]{0,63})]\\s+(.+)$");
    private static final String SUGGESTED = "suggested for alerts mentioning:";

    private RunbookFile() {
    }

    /** @throws IllegalArgumentException naming the file's fault, so a bad edit stops the service with a clear message */
    static Runbook parse(String type, String content) {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("runbook type '" + type + "' must be lower-case letters, digits and dashes");
        }
        String title = null;
        List<String> keywords = new ArrayList<>();
        List<ChecklistItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String raw : content.split("\\R")) {
            String line = raw.strip();
            Matcher item = ITEM.matcher(line);
            if (line.startsWith("# ") && title == null) {
                title = line.substring(2).strip();
            } else if (line.toLowerCase(Locale.ROOT).startsWith(SUGGESTED)) {
                for (String word : line.substring(SUGGESTED.length()).split(",")) {
                    if (!word.isBlank()) {
                        keywords.add(word.strip().toLowerCase(Locale.ROOT));
                    }
                }
            } else if (item.matches()) {
                if (!ids.add(item.group(1))) {
                    throw new IllegalArgumentException("runbook " + type + " has the item id '" + item.group(1) + "' twice");
                }
                items.add(new ChecklistItem(item.group(1), item.group(2).strip()));
            }
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("runbook " + type + " has no '# Title' line");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("runbook " + type + " has no '- [id] step' line");
        }
        return new Runbook(type, title, keywords, items);
    }
}
