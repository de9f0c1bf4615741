package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.incidents.notificationservice.statuspage.Fixtures.daysAgo;
import static io.incidents.notificationservice.statuspage.Fixtures.minutesAgo;
import static io.incidents.notificationservice.statuspage.Fixtures.open;
import static io.incidents.notificationservice.statuspage.Fixtures.page;
import static io.incidents.notificationservice.statuspage.Fixtures.published;
import static io.incidents.notificationservice.statuspage.Fixtures.resolved;
import static io.incidents.notificationservice.statuspage.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

class StatusPageTest {

    @Test
    void an_incident_no_responder_published_is_not_on_the_page_however_severe() {
        StatusPage page = page(List.of(
                        open("declared", "Service disruption", Severity.SEV1, Phase.INVESTIGATING, minutesAgo(5)),
                        resolved("quiet", "Service disruption", Severity.SEV1, daysAgo(3), daysAgo(2))),
                List.of());

        assertThat(page.current()).isEmpty();
        assertThat(page.history()).isEmpty();
        assertThat(page.operational()).isTrue();
    }

    @Test
    void a_published_incident_is_shown_whatever_its_severity_and_an_unpublished_one_beside_it_is_not() {
        // Severity no longer decides: a SEV4 a responder posted about shows, open or resolved,
        // while a SEV1 nobody posted about stays off the page.
        StatusPage page = page(List.of(
                        open("minor", "Typo on login page", Severity.SEV4, Phase.INVESTIGATING, minutesAgo(5)),
                        open("unpublished", "Service disruption", Severity.SEV1, Phase.INVESTIGATING, minutesAgo(6)),
                        resolved("old-minor", "Log noise", Severity.SEV4, daysAgo(3), daysAgo(2))),
                List.of(update(1, "minor", Phase.INVESTIGATING, "Looking", minutesAgo(4)),
                        update(2, "old-minor", Phase.RESOLVED, "Fixed", daysAgo(2))));

        assertThat(page.current()).extracting(PublicIncident::incidentId).containsExactly("minor");
        assertThat(page.history()).extracting(PublicIncident::incidentId).containsExactly("old-minor");
        assertThat(page.operational()).isFalse();
    }

    @Test
    void a_post_of_an_incident_not_loaded_shows_nothing() {
        StatusPage page = page(List.of(), List.of(update(9, "gone", Phase.INVESTIGATING, "orphan", minutesAgo(1))));

        assertThat(page.current()).isEmpty();
        assertThat(page.history()).isEmpty();
        assertThat(page.operational()).isTrue();
    }

    @Test
    void open_incidents_are_ordered_investigating_identified_monitoring_then_most_severe_first() {
        StatusPage page = published(
                open("mon", "Monitoring one", Severity.SEV1, Phase.MONITORING, minutesAgo(50)),
                open("inv-sev3", "Investigating SEV3", Severity.SEV3, Phase.INVESTIGATING, minutesAgo(1)),
                open("idf", "Identified one", Severity.SEV2, Phase.IDENTIFIED, minutesAgo(30)),
                open("inv-sev1", "Investigating SEV1", Severity.SEV1, Phase.INVESTIGATING, minutesAgo(10)));

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
    void history_shows_published_incidents_resolved_in_the_last_90_days_newest_first() {
        StatusPage page = published(
                resolved("older", "Older", Severity.SEV2, daysAgo(40), daysAgo(30)),
                resolved("too-old", "Too old", Severity.SEV1, daysAgo(100), daysAgo(91)),
                resolved("edge", "Exactly 90 days", Severity.SEV2, daysAgo(91), daysAgo(90)),
                resolved("recent", "Recent", Severity.SEV3, daysAgo(2), daysAgo(1)));

        assertThat(page.history()).extracting(PublicIncident::incidentId).containsExactly("recent", "older", "edge");
        assertThat(page.current()).isEmpty();
        assertThat(page.operational()).isTrue();
    }

    @Test
    void a_published_incident_lowered_to_sev4_and_resolved_stays_in_the_history() {
        // The stored state says SEV4 now; it was published while SEV2 and stays (SPEC 6).
        StatusPage page = page(List.of(resolved("lowered", "Payments delayed", Severity.SEV4, daysAgo(1),
                        minutesAgo(30), "Payments")),
                List.of(update(1, "lowered", Phase.IDENTIFIED, "Found it.", daysAgo(1)),
                        update(2, "lowered", Phase.RESOLVED, "Resolved.", minutesAgo(30))));

        assertThat(page.history()).singleElement().satisfies(incident -> {
            assertThat(incident.title()).isEqualTo("Payments delayed");
            assertThat(incident.components()).containsExactly("Payments");
            assertThat(incident.updates()).extracting(PublicUpdate::message).containsExactly("Resolved.", "Found it.");
        });
    }

    @Test
    void a_reopened_incident_is_current_again() {
        StatusPage page = page(List.of(
                        open("reopened", "Login failures", Severity.SEV1, Phase.INVESTIGATING, daysAgo(1))),
                List.of(update(1, "reopened", Phase.RESOLVED, "Fixed.", daysAgo(1).plusSeconds(600)),
                        update(2, "reopened", Phase.INVESTIGATING, "It is back.", minutesAgo(5))));

        assertThat(page.current()).extracting(PublicIncident::incidentId).containsExactly("reopened");
        assertThat(page.current().get(0).updates()).extracting(PublicUpdate::message)
                .containsExactly("It is back.", "Fixed.");
        assertThat(page.history()).isEmpty();
    }
}
