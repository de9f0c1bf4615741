package io.incidents.timelineservice.postmortem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.incidents.support.web.IncidentIds;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.incidents.events.EventJson;
import io.incidents.timelineservice.api.BadQueryException;
import io.incidents.timelineservice.incident.UnknownIncidentException;
import io.incidents.timelineservice.ledger.EventLedger;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** The post-mortem: Markdown by default, JSON when the client accepts application/json. */
@RestController
@Validated
class PostMortemController {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = EventJson.newMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final EventLedger ledger;
    private final PostMortemGenerator generator;

    PostMortemController(EventLedger liveLedger, PostMortemGenerator generator) {
        this.ledger = liveLedger;
        this.generator = generator;
    }

    @Operation(summary = "The incident's post-mortem, generated from its events (text/markdown or application/json)")
    @GetMapping("/api/v1/incidents/{id}/postmortem")
    ResponseEntity<String> postMortem(@PathVariable @Pattern(regexp = IncidentIds.PATTERN) String id,
                                      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
            throws JsonProcessingException {
        PostMortem postMortem = generator.generate(ledger.eventsOf(id), ledger.notificationsOf(id))
                .orElseThrow(() -> new UnknownIncidentException(id));
        if (wantsJson(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(postMortem));
        }
        return ResponseEntity.ok().contentType(MARKDOWN).body(PostMortemMarkdown.render(postMortem));
    }

    private static boolean wantsJson(String accept) {
        try {
            return accept != null && MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType());
        } catch (InvalidMediaTypeException e) {
            throw new BadQueryException("The Accept header is not a list of media types: " + e.getMessage());
        }
    }
}
