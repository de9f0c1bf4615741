package io.incidents.notificationservice.statuspage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;

/**
 * The public status page (SPEC sections 6 and 9): HTML for people, JSON for programs, Atom for
 * feed readers. Open without login: the paths are listed in {@code incidents.security.public-paths}.
 */
@RestController
class StatusPageController {

    static final String HTML = "text/html;charset=UTF-8";
    static final String ATOM = "application/atom+xml;charset=UTF-8";

    private final StatusPageRepository repository;
    private final Clock clock;
    private final String title;
    private final HtmlStatusPageRenderer html = new HtmlStatusPageRenderer();
    private final JsonStatusPageRenderer json = new JsonStatusPageRenderer();
    private final AtomFeedRenderer atom = new AtomFeedRenderer();

    // The properties are read here, not through a properties class, so this feature stays self-contained.
    StatusPageController(StatusPageRepository repository, ObjectProvider<Clock> clock,
                         @Value("${notifications.status-page.title:Service status}") String title) {
        this.repository = repository;
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.title = title;
    }

    @GetMapping(path = "/status", produces = HTML)
    ResponseEntity<String> page() {
        Instant now = clock.instant();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(HTML))
                .body(html.render(statusPage(now), title, now));
    }

    @GetMapping(path = "/api/v1/status", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> status() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(json.render(statusPage(clock.instant())));
    }

    @GetMapping(path = "/status/feed.atom", produces = ATOM)
    ResponseEntity<String> feed() {
        Instant now = clock.instant();
        StatusFeed feed = StatusFeed.select(repository.feedEntries(StatusPagePolicy.historySince(now)), now);
        String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ATOM))
                .body(atom.render(feed, title, baseUrl));
    }

    private StatusPage statusPage(Instant now) {
        Instant since = StatusPagePolicy.historySince(now);
        return StatusPage.assemble(repository.incidents(since), repository.updates(since), now);
    }
}
