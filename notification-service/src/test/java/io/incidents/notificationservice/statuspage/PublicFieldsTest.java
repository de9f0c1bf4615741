package io.incidents.notificationservice.statuspage;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentSource;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.notificationservice.incident.IncidentStateProjector;
import io.incidents.notificationservice.template.MessageContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.incidents.notificationservice.statuspage.Fixtures.NOW;
import static io.incidents.notificationservice.statuspage.Fixtures.entry;
import static io.incidents.notificationservice.statuspage.Fixtures.page;
import static io.incidents.notificationservice.statuspage.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public sees only what a responder published for customers (SPEC 6): the public title and
 * components, never the internal title, description, service names, incident id, people or
 * resolution, however the stored state is filled.
 */
class PublicFieldsTest {

    private static final Instant DECLARED = Instant.parse("2025-06-30T10:00:00Z");
    private static final String OPEN_ID = "inc-7f3a9c";
    private static final String RESOLVED_ID = "inc-b41e02";
    /** Everything internal in the two incidents below: none of it may reach HTML, JSON or Atom. */
    private static final List<String> INTERNAL = List.of(OPEN_ID, RESOLVED_ID, "Postgres pool exhausted",
            "Ledger writer deadlock", "auth-db", "token-svc", "ledger-writer", "SECRET", "alice", "bob", "carol");

    private final IncidentState open = state(
            new IncidentDeclared(OPEN_ID, "Postgres pool exhausted on auth-db", "SECRET-DESCRIPTION db password rotated",
                    Severity.SEV1, List.of("auth-db", "token-svc"), IncidentSource.manual(), DECLARED),
            new IncidentAcknowledged(OPEN_ID, "alice.oncall", DECLARED.plusSeconds(60)),
            new IncidentStatusUpdated(OPEN_ID, StatusPagePhase.IDENTIFIED, "We found the cause.", DECLARED.plusSeconds(120),
                    "Sign-in problems", List.of("Login page", "Mobile app")));
    // Published without a public title or components: the page must not fall back to internal ones.
    private final IncidentState resolved = state(
            new IncidentDeclared(RESOLVED_ID, "Ledger writer deadlock", "SECRET-DESCRIPTION-2", Severity.SEV2,
                    List.of("ledger-writer"), IncidentSource.manual(), DECLARED),
            new IncidentAcknowledged(RESOLVED_ID, "bob.oncall", DECLARED.plusSeconds(60)),
            new IncidentStatusUpdated(RESOLVED_ID, StatusPagePhase.INVESTIGATING, "We are looking into it.",
                    DECLARED.plusSeconds(90)),
            new IncidentResolved(RESOLVED_ID, "SECRET-SUMMARY restarted by bob", "SECRET-ROOT-CAUSE bad migration by carol",
                    DECLARED.plusSeconds(600)));

    @Test
    void the_html_json_and_feed_show_the_public_title_and_components_and_nothing_internal() {
        StatusPage page = page(List.of(PublicIncident.from(open), PublicIncident.from(resolved)),
                List.of(update(1, OPEN_ID, Phase.IDENTIFIED, "We found the cause.", DECLARED.plusSeconds(120)),
                        update(2, RESOLVED_ID, Phase.INVESTIGATING, "We are looking into it.", DECLARED.plusSeconds(90))));
        StatusFeed feed = StatusFeed.select(List.of(
                feedEntry(1, open, Phase.IDENTIFIED, "We found the cause.", DECLARED.plusSeconds(120)),
                feedEntry(2, resolved, Phase.INVESTIGATING, "We are looking into it.", DECLARED.plusSeconds(90))), NOW);

        String html = new HtmlStatusPageRenderer().render(page, "Service status", NOW);
        String json = new JsonStatusPageRenderer().render(page);
        String atom = new AtomFeedRenderer().render(feed, "Service status", "https://status.example.com");

        assertThat(page.current()).hasSize(1);
        assertThat(page.history()).hasSize(1);
        for (String shown : List.of(html, json, atom)) {
            assertThat(shown).contains("Sign-in problems", MessageContext.DEFAULT_PUBLIC_TITLE);
            for (String internal : INTERNAL) {
                assertThat(shown).as("%s on the public page", internal).doesNotContain(internal);
            }
        }
        for (String shown : List.of(html, json)) {
            assertThat(shown).contains("Login page", "Mobile app");
        }
    }

    @Test
    void a_public_incident_carries_the_published_title_and_components_not_the_internal_ones() {
        assertThat(PublicIncident.from(open).title()).isEqualTo("Sign-in problems");
        assertThat(PublicIncident.from(open).components()).containsExactly("Login page", "Mobile app");
        assertThat(PublicIncident.from(resolved).title()).isEqualTo(MessageContext.DEFAULT_PUBLIC_TITLE);
        assertThat(PublicIncident.from(resolved).components()).isEmpty();
    }

    @Test
    void the_stored_phase_decides_the_group_and_resolution_moves_an_incident_to_history() {
        IncidentState monitoring = state(
                new IncidentDeclared("a", "Slow search", "d", Severity.SEV2, List.of(), IncidentSource.manual(), DECLARED),
                new IncidentStatusUpdated("a", StatusPagePhase.MONITORING, "Watching.", DECLARED.plusSeconds(60)));

        assertThat(PublicIncident.from(monitoring).phase()).isEqualTo(Phase.MONITORING);
        assertThat(PublicIncident.from(resolved).phase()).isEqualTo(Phase.RESOLVED);
        assertThat(PublicIncident.from(resolved).resolved()).isTrue();
    }

    private static IncidentState state(IncidentEvent... events) {
        return IncidentStateProjector.project(List.of(events)).orElseThrow();
    }

    /** A feed entry as {@link StatusPageRepository#feedEntries} makes it from the stored state. */
    private static FeedEntry feedEntry(long id, IncidentState state, Phase phase, String message, Instant postedAt) {
        return entry(id, state.incidentId(), state.severity(), PublicIncident.from(state).title(), phase, message, postedAt);
    }
}
