package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.incidents.notificationservice.statuspage.Fixtures.NOW;
import static io.incidents.notificationservice.statuspage.Fixtures.daysAgo;
import static io.incidents.notificationservice.statuspage.Fixtures.minutesAgo;
import static io.incidents.notificationservice.statuspage.Fixtures.open;
import static io.incidents.notificationservice.statuspage.Fixtures.page;
import static io.incidents.notificationservice.statuspage.Fixtures.resolved;
import static io.incidents.notificationservice.statuspage.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

class StatusPageTest {

    @Test
    void sev4_incidents_never_reach_the_public_with_the_default_minimum() {
        StatusPage page = page(List.of(
                        open("minor", "Typo on login page", Severity.SEV4, Phase.INVESTIGATING, minutesAgo(5)),
                        resolved("old-minor", "Log noise", Severity.SEV4, daysAgo(3), daysAgo(2))),
                List.of(update(1, "minor", Phase.INVESTIGATING, "Looking", minutesAgo(4))));

        assertThat(page.current()).isEmpty();
        assertThat(page.history()).isEmpty();
        assertThat(page.operational()).isTrue();
    }

    @Test
    void a_stricter_minimum_hides_sev3_but_keeps_sev2() {
        StatusPage page = StatusPage.assemble(List.of(
                        open("medium", "Email delayed", Severity.SEV3, Phase.INVESTIGATING, minutesAgo(5)),
                        open("high", "Billing failing", Severity.SEV2, Phase.IDENTIFIED, minutesAgo(9))),
                List.of(), new StatusPagePolicy(Severity.SEV2), NOW);

        assertThat(page.current()).extracting(PublicIncident::incidentId).containsExactly("high");
    }

    @Test
    void open_incidents_are_ordered_investigating_identified_monitoring_then_most_severe_first() {
        StatusPage page = page(List.of(
                open("mon", "Monitoring one", Severity.SEV1, Phase.MONITORING, minutesAgo(50)),
                open("inv-sev3", "Investigating SEV3", Severity.SEV3, Phase.INVESTIGATING, minutesAgo(1)),
                open("idf", "Identified one", Severity.SEV2, Phase.IDENTIFIED, minutesAgo(30)),
                open("inv-sev1", "Investigating SEV1", Severity.SEV1, Phase.INVESTIGATING, minutesAgo(10))), List.of());

        assertThat(page.current()).extracting(PublicIncident::incidentId)
                .containsExactly("inv-sev1", "inv-sev3", "idf", "mon");
        assertThat(page.operational()).isFalse();
    }

    @Test
    void each_incident_carries_only_its_own_updates_newest_first() {
        StatusPage page = page(List.of(
                        open("a", "A", Severity.SEV2, Phase.IDENTIFIED, minutesAgo(60)),
                        open("b", "B", Severity.SEV2, Phase.INVESTIGATING, minutesAgo(60))),
                List.of(update(1, "a", Phase.INVESTIGATING, "a first", minutesAgo(50)),
                        update(3, "b", Phase.INVESTIGATING, "b only", minutesAgo(40)),
                        update(2, "a", Phase.IDENTIFIED, "a second", minutesAgo(20)),
                        update(9, "gone", Phase.INVESTIGATING, "of an incident not loaded", minutesAgo(1))));

        PublicIncident a = page.current().stream().filter(i -> i.incidentId().equals("a")).findFirst().orElseThrow();
        assertThat(a.updates()).extracting(PublicUpdate::message).containsExactly("a second", "a first");
        PublicIncident b = page.current().stream().filter(i -> i.incidentId().equals("b")).findFirst().orElseThrow();
        assertThat(b.updates()).extracting(PublicUpdate::message).containsExactly("b only");
    }

    @Test
    void history_shows_incidents_resolved_in_the_last_90_days_newest_first() {
        StatusPage page = page(List.of(
                resolved("older", "Older", Severity.SEV2, daysAgo(40), daysAgo(30)),
                resolved("too-old", "Too old", Severity.SEV1, daysAgo(100), daysAgo(91)),
                resolved("edge", "Exactly 90 days", Severity.SEV2, daysAgo(91), daysAgo(90)),
                resolved("recent", "Recent", Severity.SEV3, daysAgo(2), daysAgo(1))), List.of());

        assertThat(page.history()).extracting(PublicIncident::incidentId).containsExactly("recent", "older", "edge");
        assertThat(page.current()).isEmpty();
        assertThat(page.operational()).isTrue();
    }

    @Test
    void a_reopened_incident_is_current_again() {
        StatusPage page = page(List.of(
                open("reopened", "Login failures", Severity.SEV1, Phase.INVESTIGATING, daysAgo(1))), List.of());

        assertThat(page.current()).extracting(PublicIncident::incidentId).containsExactly("reopened");
        assertThat(page.history()).isEmpty();
    }
}
