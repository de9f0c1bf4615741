package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.notificationservice.incident.IncidentState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.incidents.notificationservice.statuspage.Fixtures.NOW;
import static io.incidents.notificationservice.statuspage.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

/** The public never sees internal text or people, however the stored state is filled. */
class PublicFieldsTest {

    private static final Instant DECLARED = Instant.parse("2025-06-30T10:00:00Z");

    @Test
    void the_page_and_the_json_never_show_description_responder_or_resolution() {
        IncidentState open = new IncidentState("a", "Logins failing", "SECRET-DESCRIPTION db password rotated",
                Severity.SEV1, List.of("auth"), DECLARED, 4, StatusPagePhase.IDENTIFIED, "Public message",
                true, "alice.oncall", null, null);
        IncidentState resolved = new IncidentState("b", "Billing errors", "SECRET-DESCRIPTION-2",
                Severity.SEV2, List.of("billing"), DECLARED, 2, null, "Public message", true, "bob.oncall",
                DECLARED.plusSeconds(600), "SECRET-ROOT-CAUSE bad migration by carol");
        StatusPage page = page(List.of(PublicIncident.from(open), PublicIncident.from(resolved)), List.of());

        String html = new HtmlStatusPageRenderer().render(page, "Service status", NOW);
        String json = new JsonStatusPageRenderer().render(page);

        for (String shown : List.of(html, json)) {
            assertThat(shown).contains("Logins failing", "Billing errors")
                    .doesNotContain("SECRET").doesNotContain("alice").doesNotContain("bob").doesNotContain("carol");
        }
    }

    @Test
    void the_stored_phase_decides_the_group_and_resolution_moves_an_incident_to_history() {
        IncidentState monitoring = new IncidentState("a", "Slow search", "d", Severity.SEV2, List.of(), DECLARED, 2,
                StatusPagePhase.MONITORING, null, false, null, null, null);
        IncidentState resolved = new IncidentState("b", "Chat down", "d", Severity.SEV2, List.of(), DECLARED, 2,
                null, null, true, "x", DECLARED.plusSeconds(60), "r");

        assertThat(PublicIncident.from(monitoring).phase()).isEqualTo(Phase.MONITORING);
        assertThat(PublicIncident.from(resolved).phase()).isEqualTo(Phase.RESOLVED);
        assertThat(PublicIncident.from(resolved).resolved()).isTrue();
    }
}
