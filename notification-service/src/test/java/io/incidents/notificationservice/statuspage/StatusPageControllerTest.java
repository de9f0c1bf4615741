package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static io.incidents.notificationservice.statuspage.Fixtures.NOW;
import static io.incidents.notificationservice.statuspage.Fixtures.daysAgo;
import static io.incidents.notificationservice.statuspage.Fixtures.entry;
import static io.incidents.notificationservice.statuspage.Fixtures.minutesAgo;
import static io.incidents.notificationservice.statuspage.Fixtures.open;
import static io.incidents.notificationservice.statuspage.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The controller alone (no application context, no database): media types, UTF-8 on the wire, that
 * the clock it is given is the one applied, and that only incidents with posts are shown.
 */
class StatusPageControllerTest {

    private static final String CAFE = "Café payments ✓";

    private final StatusPageRepository repository = mock(StatusPageRepository.class);

    @Test
    void serves_the_page_as_utf8_html() throws Exception {
        givenOneOpenIncident();

        MvcResult result = mvc().perform(get("/status")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(utf8(result)).contains(CAFE).contains("We are on it.").doesNotContain("All systems operational");
    }

    @Test
    void serves_the_status_as_utf8_json() throws Exception {
        givenOneOpenIncident();

        MvcResult result = mvc().perform(get("/api/v1/status")).andReturn();

        assertThat(result.getResponse().getContentType()).startsWith("application/json");
        assertThat(utf8(result)).startsWith("{\"status\":\"degraded\",\"current\":[{\"title\":\"" + CAFE + "\"")
                .contains("\"components\":[\"Payments\"]").doesNotContain("incidentId");
    }

    @Test
    void serves_the_feed_as_atom_with_absolute_links() throws Exception {
        when(repository.feedEntries(daysAgo(90))).thenReturn(List.of(
                entry(5, "a", Severity.SEV2, CAFE, Phase.INVESTIGATING, "We are on it.", minutesAgo(3))));

        MvcResult result = mvc().perform(get("/status/feed.atom")).andReturn();

        assertThat(result.getResponse().getContentType()).isEqualTo("application/atom+xml;charset=UTF-8");
        assertThat(utf8(result)).contains("<title>Investigating: " + CAFE + "</title>")
                .contains("href=\"http://localhost/status/feed.atom\"");
    }

    @Test
    void an_incident_without_posts_is_not_shown_however_severe() throws Exception {
        when(repository.incidents(daysAgo(90))).thenReturn(List.of(
                open("a", CAFE, Severity.SEV1, Phase.INVESTIGATING, minutesAgo(10), "Payments")));
        when(repository.updates(daysAgo(90))).thenReturn(List.of());

        MvcResult json = mvc().perform(get("/api/v1/status")).andReturn();
        MvcResult html = mvc().perform(get("/status")).andReturn();

        assertThat(utf8(json)).isEqualTo("{\"status\":\"operational\",\"current\":[],\"history\":[]}");
        assertThat(utf8(html)).contains("All systems operational").doesNotContain(CAFE);
    }

    @Test
    void works_without_a_clock_bean() {
        ObjectProvider<Clock> none = new DefaultListableBeanFactory().getBeanProvider(Clock.class);

        StatusPageController controller = new StatusPageController(repository, none, "Service status");

        assertThat(controller.status().getStatusCode().value()).isEqualTo(200);
    }

    /** Stubbed for the 90-day cutoff of the fixed clock only: another clock would find nothing. */
    private void givenOneOpenIncident() {
        when(repository.incidents(daysAgo(90))).thenReturn(List.of(
                open("a", CAFE, Severity.SEV2, Phase.INVESTIGATING, minutesAgo(10), "Payments")));
        when(repository.updates(daysAgo(90))).thenReturn(List.of(
                update(1, "a", Phase.INVESTIGATING, "We are on it.", minutesAgo(9))));
    }

    private MockMvc mvc() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        return MockMvcBuilders.standaloneSetup(new StatusPageController(repository, beans.getBeanProvider(Clock.class),
                "Service status")).build();
    }

    private static String utf8(MvcResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
