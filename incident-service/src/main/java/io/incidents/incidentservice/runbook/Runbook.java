package io.incidents.incidentservice.runbook;

import io.incidents.events.ChecklistItem;

import java.util.List;
import java.util.Locale;

/**
 * One incident type of the plan's common scenarios with its runbook: a title, the words that
 * suggest it for an alert, and the checklist responders tick.
 */
public record Runbook(String type, String title, List<String> keywords, List<ChecklistItem> checklist) {

    public Runbook {
        keywords = List.copyOf(keywords);
        checklist = List.copyOf(checklist);
    }

    /** Whether an alert's text mentions one of this runbook's words (case does not matter). */
    boolean mentionedIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(lower::contains);
    }
}
