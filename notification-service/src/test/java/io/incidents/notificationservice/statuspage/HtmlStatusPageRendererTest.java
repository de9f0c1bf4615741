package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.incidents.notificationservice.statuspage.Fixtures.NOW;
import static io.incidents.notificationservice.statuspage.Fixtures.open;
import static io.incidents.notificationservice.statuspage.Fixtures.page;
import static io.incidents.notificationservice.statuspage.Fixtures.published;
import static io.incidents.notificationservice.statuspage.Fixtures.resolved;
import static io.incidents.notificationservice.statuspage.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

class HtmlStatusPageRendererTest {

    private final HtmlStatusPageRenderer renderer = new HtmlStatusPageRenderer();

    @Test
    void says_all_systems_operational_when_nothing_is_open() {
        String html = renderer.render(page(List.of(), List.of()), "Service status", NOW);

        assertThat(html).contains("All systems operational").contains("No incidents in the last 90 days.");
    }

    @Test
    void does_not_claim_all_systems_operational_while_an_incident_is_open() {
        String html = renderer.render(published(
                open("a", "Chat down", Severity.SEV2, Phase.INVESTIGATING, NOW)), "Service status", NOW);

        assertThat(html).doesNotContain("All systems operational").contains("Chat down");
    }

    @Test
    void escapes_html_in_every_incident_text_and_in_the_page_title() {
        StatusPage page = page(List.of(
                        open("x", "<script>alert('t')</script>", Severity.SEV1, Phase.INVESTIGATING, NOW, "<b>api</b>"),
                        resolved("y", "Old & <i>bold</i>", Severity.SEV2, NOW.minusSeconds(7200), NOW.minusSeconds(3600))),
                List.of(update(1, "x", Phase.INVESTIGATING, "<img src=x onerror=alert(1)>", NOW),
                        update(2, "y", Phase.RESOLVED, "Fixed.", NOW.minusSeconds(3600))));

        String html = renderer.render(page, "Acme \"status\" <page>", NOW);

        assertThat(html)
                .doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("<b>api").doesNotContain("<i>bold")
                .doesNotContain("<page>")
                .contains("&lt;script&gt;alert(")
                .contains("&lt;img src")
                .contains("&lt;b&gt;api&lt;/b&gt;")
                .contains("Old &amp; &lt;i&gt;bold&lt;/i&gt;")
                .contains("<title>Acme &quot;status&quot; &lt;page&gt;</title>");
    }

    @Test
    void groups_open_incidents_under_investigating_identified_monitoring_in_that_order() {
        StatusPage page = published(
                open("m", "Search slow", Severity.SEV2, Phase.MONITORING, NOW),
                open("i", "Logins failing", Severity.SEV1, Phase.INVESTIGATING, NOW),
                open("d", "Billing errors", Severity.SEV2, Phase.IDENTIFIED, NOW));

        String html = renderer.render(page, "Service status", NOW);

        int investigating = html.indexOf("<h2>Investigating</h2>");
        int identified = html.indexOf("<h2>Identified</h2>");
        int monitoring = html.indexOf("<h2>Monitoring</h2>");
        assertThat(investigating).isPositive();
        assertThat(html.indexOf("Logins failing")).isBetween(investigating, identified);
        assertThat(html.indexOf("Billing errors")).isBetween(identified, monitoring);
        assertThat(html.indexOf("Search slow")).isGreaterThan(monitoring);
    }

    @Test
    void shows_no_heading_for_a_phase_without_incidents() {
        String html = renderer.render(published(
                open("d", "Billing errors", Severity.SEV2, Phase.IDENTIFIED, NOW)), "Service status", NOW);

        assertThat(html).contains("<h2>Identified</h2>")
                .doesNotContain("<h2>Investigating</h2>").doesNotContain("<h2>Monitoring</h2>");
    }

    @Test
    void shows_severity_components_since_and_updates_newest_first_in_utc() {
        Instant declared = Instant.parse("2025-06-30T09:05:00Z");
        StatusPage page = page(List.of(open("a", "Chat down", Severity.SEV2, Phase.IDENTIFIED, declared, "chat", "push")),
                List.of(update(1, "a", Phase.INVESTIGATING, "We are looking into it.", Instant.parse("2025-06-30T09:10:00Z")),
                        update(2, "a", Phase.IDENTIFIED, "A bad deploy; rolling back.", Instant.parse("2025-06-30T09:40:00Z"))));

        String html = renderer.render(page, "Service status", NOW);

        assertThat(html).contains("SEV2").contains("<span class=\"components\">chat, push</span>").contains("Since <time datetime=\"2025-06-30T09:05:00Z\">2025-06-30 09:05 UTC</time>");
        assertThat(html.indexOf("A bad deploy; rolling back.")).isLessThan(html.indexOf("We are looking into it."));
        assertThat(html).contains("2025-06-30 09:40 UTC").contains("2025-06-30 09:10 UTC");
    }

    @Test
    void lists_resolved_incidents_with_declared_and_resolved_times_and_their_updates() {
        StatusPage page = page(List.of(resolved("r", "Database outage", Severity.SEV1,
                        Instant.parse("2025-06-01T10:00:00Z"), Instant.parse("2025-06-01T10:45:00Z"), "db")),
                List.of(update(7, "r", Phase.RESOLVED, "Fixed and stable.", Instant.parse("2025-06-01T10:45:00Z"))));

        String html = renderer.render(page, "Service status", NOW);

        String history = html.substring(html.indexOf("Past incidents"));
        assertThat(history).contains("Database outage").contains("SEV1").contains("db")
                .contains("Declared <time datetime=\"2025-06-01T10:00:00Z\">2025-06-01 10:00 UTC</time>")
                .contains("Resolved <time datetime=\"2025-06-01T10:45:00Z\">2025-06-01 10:45 UTC</time>")
                .contains("Fixed and stable.");
        assertThat(html).contains("All systems operational");
    }

    @Test
    void leaves_out_the_affected_line_when_no_components_were_published() {
        String html = renderer.render(published(
                open("a", "Service disruption", Severity.SEV2, Phase.INVESTIGATING, NOW)), "Service status", NOW);

        assertThat(html).contains("<h3>Service disruption</h3>").doesNotContain("Affected:");
    }

    @Test
    void shows_nothing_of_an_incident_without_a_post() {
        String html = renderer.render(page(List.of(
                open("a", "Chat down", Severity.SEV1, Phase.INVESTIGATING, NOW, "Chat")), List.of()), "Service status", NOW);

        assertThat(html).contains("All systems operational").doesNotContain("Chat down").doesNotContain("SEV1");
    }

    @Test
    void advertises_the_atom_feed() {
        String html = renderer.render(page(List.of(), List.of()), "Service status", NOW);

        assertThat(html).contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
                .contains("href=\"/status/feed.atom\">");
    }
}
