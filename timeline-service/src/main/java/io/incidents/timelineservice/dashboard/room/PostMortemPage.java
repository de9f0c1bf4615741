package io.incidents.timelineservice.dashboard.room;

import io.incidents.support.web.IncidentIds;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.incident.UnknownIncidentException;
import io.incidents.timelineservice.ledger.EventLedger;
import io.incidents.timelineservice.postmortem.PostMortem;
import io.incidents.timelineservice.postmortem.PostMortemGenerator;
import io.incidents.timelineservice.postmortem.PostMortemMarkdown;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.nio.charset.StandardCharsets;

/**
 * The post-mortem as a page and as a Markdown download. The page is built from the post-mortem's
 * data by the template, which escapes every text: whatever an alert or a responder wrote shows as
 * text, never as markup.
 */
@Controller
@DashboardPage
@Validated
class PostMortemPage {

    private static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final EventLedger ledger;
    private final PostMortemGenerator generator;

    PostMortemPage(EventLedger liveLedger, PostMortemGenerator generator) {
        this.ledger = liveLedger;
        this.generator = generator;
    }

    @GetMapping("/incidents/{id}/postmortem")
    String page(@PathVariable @Pattern(regexp = IncidentIds.PATTERN) String id, Model model) {
        model.addAttribute("pm", postMortem(id));
        return "postmortem";
    }

    @GetMapping("/incidents/{id}/postmortem.md")
    ResponseEntity<String> markdown(@PathVariable @Pattern(regexp = IncidentIds.PATTERN) String id) {
        return ResponseEntity.ok()
                .contentType(MARKDOWN)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("postmortem-" + id + ".md").build().toString())
                .body(PostMortemMarkdown.render(postMortem(id)));
    }

    private PostMortem postMortem(String id) {
        return generator.generate(ledger.eventsOf(id), ledger.notificationsOf(id))
                .orElseThrow(() -> new UnknownIncidentException(id));
    }
}
