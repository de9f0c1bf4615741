package io.incidents.timelineservice.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.events.IncidentRole;
import io.incidents.events.RoleAssigned;
import io.incidents.events.Severity;
import io.incidents.support.security.Role;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.ReadApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard's pages as the server renders them, for people logged in through OpenID Connect
 * with each role; incident-service and notification-service are recording stubs. (The pages in a
 * real browser against the real services: the e2e module.)
 */
@IntegrationTest
class DashboardPagesIntegrationTest extends DashboardPagesContext {

    private static final EventFeed feed = new EventFeed(TOPIC);

    @Autowired
    WebApplicationContext context;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ClientRegistrationRepository registrations;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @AfterAll
    static void close() {
        feed.close();
    }

    private RequestPostProcessor as(String name, Role role) {
        return new DashboardLogin(registrations).as(name, role);
    }

    private String declare(String title, Severity severity) {
        String id = Incidents.newId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        feed.publish("alice", new io.incidents.events.IncidentDeclared(id, title, "what users see", severity,
                List.of("checkout"), io.incidents.events.IncidentSource.manual(), at, null));
        new ReadApi(rest).awaitEvents(id, 1);
        return id;
    }

    /** Declared, and on the board (once its batch of live updates has gone out). */
    private String declareOnBoard(String title, Severity severity) throws Exception {
        String id = declare(title, severity);
        await().atMost(Duration.ofSeconds(10)).until(() -> page("/", as("victor", Role.VIEWER)).contains("row-" + id));
        return id;
    }

    private String page(String path, RequestPostProcessor login) throws Exception {
        MvcResult result = mvc.perform(get(path).with(login)).andExpect(status().isOk()).andReturn();
        return result.getResponse().getContentAsString();
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheLogin() throws Exception {
        mvc.perform(get("/").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("http://localhost/oauth2/authorization/local"));
        mvc.perform(get("/ui/stream")).andExpect(status().isUnauthorized());
        mvc.perform(get("/ui/board/stream")).andExpect(status().isUnauthorized());
    }

    @Test
    void theBoardListsOpenIncidentsAndOffersAckOnlyToResponders() throws Exception {
        String id = declareOnBoard("Checkout <b>failing</b>", Severity.SEV2);

        String asViewer = page("/", as("victor", Role.VIEWER));
        assertThat(asViewer).contains("row-" + id).contains("Checkout &lt;b&gt;failing&lt;/b&gt;")
                .doesNotContain("<b>failing</b>").doesNotContain("actions/acknowledge");

        String asResponder = page("/", as("bob", Role.RESPONDER));
        assertThat(asResponder).contains("/incidents/" + id + "/actions/acknowledge")
                .containsPattern("actions/acknowledge\" class=\"inline\"><input type=\"hidden\" name=\"back\" value=\"board\">"
                        + "<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\">");
    }

    @Test
    void theBoardFiltersBySeverityAndMine() throws Exception {
        String sev1 = declareOnBoard("Database down", Severity.SEV1);
        String sev3 = declareOnBoard("Analytics slow", Severity.SEV3);
        feed.publish("alice", new RoleAssigned(sev3, IncidentRole.INCIDENT_COMMANDER, "carol", Instant.now()));

        assertThat(page("/?severity=SEV1", as("victor", Role.VIEWER))).contains("row-" + sev1).doesNotContain("row-" + sev3);
        // The board shows a change once its batch of live updates has gone out (at most half a second).
        await().atMost(Duration.ofSeconds(10)).until(() -> page("/?mine=true", as("carol", Role.VIEWER)).contains("row-" + sev3));
        assertThat(page("/?mine=true", as("carol", Role.VIEWER))).doesNotContain("row-" + sev1);
    }

    @Test
    void theBoardsStreamSendsTheChangedRowsAsItsFiltersShowThemForItsViewer() throws Exception {
        String since = sinceOf(page("/?severity=SEV1", as("victor", Role.VIEWER)));
        MockHttpServletResponse stream = openStream("/ui/board/stream?severity=SEV1&since=" + since, as("victor", Role.VIEWER));

        String chat = declare("Chat <i>down</i>", Severity.SEV1);
        String payments = declare("Payments timing out", Severity.SEV2);

        List<String> batches = awaitChanges(stream, chat, payments);
        String rows = String.join("", batches);
        assertThat(rows).contains("row-" + chat).contains("Chat &lt;i&gt;down&lt;/i&gt;")
                .as("SEV2, not on a SEV1 board").doesNotContain("row-" + payments)
                .as("a viewer's rows").doesNotContain("actions/acknowledge");
        assertThat(stream.getContentAsString()).startsWith("event:hello")
                .as("the count cards, over every open incident").containsPattern("\"counts\":\\{[^}]*\"unacknowledged\":[1-9]");
    }

    @Test
    void aRespondersStreamCarriesAckFormsWithTheSessionsCsrfToken() throws Exception {
        MockHttpServletResponse stream = openStream("/ui/board/stream", as("bob", Role.RESPONDER));

        String id = declare("Queue backing up", Severity.SEV3);

        assertThat(String.join("", awaitChanges(stream, id)))
                .containsPattern("/incidents/" + id + "/actions/acknowledge\" class=\"inline\">"
                        + "<input type=\"hidden\" name=\"back\" value=\"board\">"
                        + "<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\">");
    }

    @Test
    void aBoardReconnectingIsSentWhatItMissedOrToldToFetchEverything() throws Exception {
        String before = sinceOf(page("/", as("victor", Role.VIEWER)));
        String missed = declareOnBoard("Search stale", Severity.SEV2);

        MockHttpServletResponse reconnected = openStream("/ui/board/stream", as("victor", Role.VIEWER), before);
        assertThat(String.join("", awaitChanges(reconnected, missed))).contains("row-" + missed);

        mvc.perform(get("/ui/board/stream?since=" + "9".repeat(101)).with(as("victor", Role.VIEWER)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/ui/board/stream?severity=SEV9").with(as("victor", Role.VIEWER))).andExpect(status().isBadRequest());

        MockHttpServletResponse fromElsewhere = openStream("/ui/board/stream?since=0abc-12", as("victor", Role.VIEWER));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromElsewhere.getContentAsString().contains("event:resync"));

        String current = sinceOf(page("/", as("victor", Role.VIEWER)));
        MockHttpServletResponse upToDate = openStream("/ui/board/stream?since=" + current, as("victor", Role.VIEWER));
        // Events arrive in order: once a later batch is there, a resync would have come before it.
        String later = declare("Later news", Severity.SEV3);
        awaitChanges(upToDate, later);
        assertThat(upToDate.getContentAsString()).contains("event:hello").doesNotContain("event:resync");
    }

    private static String sinceOf(String board) {
        Matcher since = Pattern.compile("id=\"board-body\" data-since=\"([^\"]+)\"").matcher(board);
        assertThat(since.find()).as("the board names the batch it was drawn after").isTrue();
        return since.group(1);
    }

    private MockHttpServletResponse openStream(String path, RequestPostProcessor login) throws Exception {
        return openStream(path, login, null);
    }

    private MockHttpServletResponse openStream(String path, RequestPostProcessor login, String lastEventId) throws Exception {
        var request = get(path).with(login).accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return mvc.perform(request).andExpect(request().asyncStarted()).andReturn().getResponse();
    }

    /** The data of the {@code changes} events received until every one of {@code ids} was named, the rows of each batch. */
    private static List<String> awaitChanges(MockHttpServletResponse stream, String... ids) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> rows = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            rows.clear();
            java.util.Set<String> named = new java.util.HashSet<>();
            for (String line : stream.getContentAsString().split("\n")) {
                if (line.startsWith("data:{")) {
                    JsonNode changes = json.readTree(line.substring("data:".length()));
                    changes.path("ids").forEach(id -> named.add(id.asText()));
                    rows.add(changes.path("rows").asText(""));
                }
            }
            return named.containsAll(List.of(ids));
        });
        return rows;
    }

    @Test
    void theRoomShowsTheIncidentItsTimelineAndTheMessagesSent() throws Exception {
        String id = declare("Search stale", Severity.SEV3);
        feed.publish("bob", new io.incidents.events.RollbackStarted(id, "rb-1", io.incidents.events.RollbackProcedure.A,
                List.of("checkout"), "v1.2.3", "bad deploy", Instant.now().minusSeconds(30)));
        new ReadApi(rest).awaitEvents(id, 2);
        notifications.answer(200, "{\"items\":[{\"channel\":\"CHAT\",\"contact\":\"on-call engineer\",\"status\":\"SENT\"}]}");

        String room = page("/incidents/" + id, as("bob", Role.RESPONDER));

        assertThat(room).contains("Search stale").contains("id=\"timeline\"").contains("on-call engineer")
                .contains("action-acknowledge")
                .contains("Procedure A").contains("(expected 5 min–10 min)");
        // A rollback started before any ack: triage, then mitigation (investigation skipped), with their times.
        assertThat(room).contains("id=\"response-phase\">mitigation<")
                .containsPattern("data-phase=\"TRIAGE\">\\s*<strong>detection and triage</strong>")
                .containsPattern("data-phase=\"MITIGATION\">\\s*<strong>mitigation</strong>\\s*<span>[^<]+ so far</span>")
                .doesNotContain("data-phase=\"INVESTIGATION\"")
                .contains("Communication: no status update posted yet.");
        assertThat(page("/incidents/" + id + "/postmortem", as("bob", Role.RESPONDER))).contains("id=\"pm-phases\"")
                .contains("<td>detection and triage</td>").contains("ongoing (at the last event)");
        assertThat(notifications.calls()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/api/v1/notifications?incidentId=" + id);
            assertThat(call.authorization()).isEqualTo("Bearer token-of-bob");
        });
        assertThat(page("/incidents/" + id, as("victor", Role.VIEWER))).doesNotContain("action-acknowledge");
    }

    @Test
    void anIncidentWhoseRollbackOverranIsMarkedOnTheBoardAndInTheRoomWithItsNotesAndMitigations() throws Exception {
        String id = Incidents.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Procedure C may take 5 min: this one took 6, recorded as overrun at 5, and is no longer running.
        feed.publish("alice", Incidents.declared(id, Severity.SEV2, now.minusSeconds(600), "checkout"),
                new io.incidents.events.RollbackStarted(id, "rb-1", io.incidents.events.RollbackProcedure.C,
                        List.of("checkout"), "v7", "bad deploy", now.minusSeconds(420)),
                new io.incidents.events.RollbackOverran(id, "rb-1", io.incidents.events.RollbackProcedure.C,
                        Duration.ofMinutes(5), now.minusSeconds(120)),
                new io.incidents.events.RollbackCompleted(id, "rb-1", now.minusSeconds(60)),
                new io.incidents.events.IncidentNoteAdded(id, "n-1", "pool <script>alert(1)</script> exhausted", "bob",
                        now.minusSeconds(50)),
                new io.incidents.events.MitigationApplied(id, "m-1", io.incidents.events.MitigationKind.QUICK_FIX,
                        "timeout <b>raised</b>", "carol", now.minusSeconds(40)));
        new ReadApi(rest).awaitEvents(id, 6);

        await().atMost(Duration.ofSeconds(10)).until(() -> row(page("/", as("victor", Role.VIEWER)), id).contains("overrun-mark"));
        assertThat(row(page("/", as("victor", Role.VIEWER)), id)).contains("data-overrun=\"true\"")
                .as("no rollback runs any more").doesNotContain("data-started");
        String quiet = declareOnBoard("Nothing overran", Severity.SEV3);
        assertThat(row(page("/", as("victor", Role.VIEWER)), quiet)).contains("data-overrun=\"false\"")
                .doesNotContain("overrun-mark");

        String room = page("/incidents/" + id, as("victor", Role.VIEWER));
        assertThat(room).contains("id=\"overrun-mark\"")
                .contains("pool &lt;script&gt;alert(1)&lt;/script&gt; exhausted").doesNotContain("<script>alert(1)</script>")
                .contains("timeout &lt;b&gt;raised&lt;/b&gt;").doesNotContain("<b>raised</b>");
        assertThat(room.substring(room.indexOf("id=\"notes\""))).contains("bob");
        assertThat(room.substring(room.indexOf("id=\"mitigations\""))).contains("quick fix").contains("carol");
        assertThat(page("/incidents/" + quiet, as("victor", Role.VIEWER))).doesNotContain("id=\"overrun-mark\"")
                .contains("No notes yet.").contains("No quick fix or workaround recorded.");

        String postMortem = page("/incidents/" + id + "/postmortem", as("victor", Role.VIEWER));
        assertThat(postMortem).contains("id=\"pm-findings\"").contains("pool &lt;script&gt;alert(1)&lt;/script&gt; exhausted")
                .contains("id=\"pm-mitigations\"").contains("timeout &lt;b&gt;raised&lt;/b&gt;")
                .doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void theRoomAndThePostMortemShowWhatNotificationServiceSentAndWhoWasToldEscapedAndAsOfTheMomentShown() throws Exception {
        String id = Incidents.newId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> sent = feed.publish("alice",
                Incidents.declared(id, Severity.SEV2, at, "checkout"),
                new io.incidents.events.SeverityChanged(id, Severity.SEV2, Severity.SEV1, "spreading", at.plusSeconds(300)));
        String declared = EventFeed.header(sent.get(0), io.incidents.events.CloudEventHeaders.ID);
        String raised = EventFeed.header(sent.get(1), io.incidents.events.CloudEventHeaders.ID);
        try (io.incidents.timelineservice.NotificationFeed notifications = new io.incidents.timelineservice.NotificationFeed()) {
            notifications.publish(
                    new io.incidents.events.notification.LevelTold(id, declared, 1, "on-call engineer", List.of("Alice <i>Example</i>"),
                            io.incidents.events.notification.OnCallSource.SCHEDULE, "s-1", at.plusSeconds(1)),
                    new io.incidents.events.notification.MessageDelivered(id, declared, 51,
                            io.incidents.events.notification.MessageChannel.CHAT, "Platform on-call", "chat-initial", 1, at.plusSeconds(2)),
                    new io.incidents.events.notification.LevelTold(id, raised, 2, "team lead", List.of("Dana Osei"),
                            io.incidents.events.notification.OnCallSource.OVERRIDE, "s-2", at.plusSeconds(301)),
                    new io.incidents.events.notification.StatusPosted(id, raised,
                            io.incidents.events.notification.StatusPostKind.INVESTIGATING, "Checkout <script>x</script>",
                            List.of("Checkout"), "We are looking into it.", at.plusSeconds(302)),
                    new io.incidents.events.notification.MessageParked(id, declared, 52,
                            io.incidents.events.notification.MessageChannel.EMAIL, "Support desk", "support-alert", 301,
                            "SMTP connect refused", at.plusSeconds(900)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> page("/incidents/" + id, as("victor", Role.VIEWER))
                .contains("data-state=\"PARKED\""));

        String room = page("/incidents/" + id, as("victor", Role.VIEWER));
        String communications = room.substring(room.indexOf("id=\"communications-sent\""));
        assertThat(communications).contains("Level 2 (team lead)").contains("Dana Osei (schedule override)")
                .contains("raise to SEV1").contains("Alice &lt;i&gt;Example&lt;/i&gt; (on-call schedule)")
                .contains("Checkout &lt;script&gt;x&lt;/script&gt;").contains("chat-initial").contains("Platform on-call")
                .contains("Support desk").contains("301 attempts: SMTP connect refused");
        assertThat(room).doesNotContain("<script>x</script>").doesNotContain("<i>Example</i>")
                .contains("data-source=\"notification-service\"");
        assertThat(room).as("a message that went through is in Communications sent, not in the timeline")
                .doesNotContain("chat-initial by chat to Platform on-call delivered")
                .contains("support-alert by email to Support desk NOT delivered");

        String before = page("/incidents/" + id + "?asOf=" + at.plusSeconds(300), as("victor", Role.VIEWER));
        String thenSent = before.substring(before.indexOf("id=\"communications-sent\""));
        assertThat(thenSent).contains("Level 1 (on-call engineer)").doesNotContain("Level 2 (team lead)")
                .doesNotContain("Support desk").doesNotContain("Checkout &lt;script&gt;");

        String postMortem = page("/incidents/" + id + "/postmortem", as("victor", Role.VIEWER));
        assertThat(postMortem.substring(postMortem.indexOf("id=\"pm-levels-told\""))).contains("level 2 (team lead)")
                .contains("Dana Osei (schedule override)");
        assertThat(postMortem.substring(postMortem.indexOf("id=\"pm-status-posts\""))).contains("Investigating")
                .contains("Checkout &lt;script&gt;x&lt;/script&gt;");
        assertThat(postMortem.substring(postMortem.indexOf("id=\"pm-not-delivered\""))).contains("parked")
                .contains("support-alert by email to Support desk");
        assertThat(postMortem).doesNotContain("<script>x</script>");
    }

    @Test
    void aDrillIsMarkedOnTheBoardInTheRoomAndInThePostMortem() throws Exception {
        String drill = Incidents.newId();
        feed.publish("alice", new io.incidents.events.IncidentDeclared(drill, "Game day: checkout down", "a simulation",
                Severity.SEV2, List.of("checkout"), io.incidents.events.IncidentSource.manual(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60), null, null, null, true));
        new ReadApi(rest).awaitEvents(drill, 1);
        String real = declareOnBoard("Checkout really down", Severity.SEV2);

        await().atMost(Duration.ofSeconds(10)).until(() -> page("/", as("victor", Role.VIEWER)).contains("row-" + drill));
        String board = page("/", as("victor", Role.VIEWER));
        assertThat(row(board, drill)).contains("data-drill=\"true\"").contains("class=\"drill-mark\"").contains(">DRILL<");
        assertThat(row(board, real)).contains("data-drill=\"false\"").doesNotContain("drill-mark");
        assertThat(page("/incidents/" + drill, as("victor", Role.VIEWER))).contains("id=\"drill-mark\"")
                .contains("DRILL: alice declared SEV2");
        assertThat(page("/incidents/" + real, as("victor", Role.VIEWER))).doesNotContain("id=\"drill-mark\"");
        assertThat(page("/incidents/" + drill + "/postmortem", as("victor", Role.VIEWER))).contains("id=\"pm-drill\"")
                .contains(">DRILL<");
        assertThat(page("/incidents/" + real + "/postmortem", as("victor", Role.VIEWER))).doesNotContain("id=\"pm-drill\"");
    }

    @Test
    void theRoomAndThePostMortemShowTheRunbookTheRollbacksChecklistsAndTheFollowUp() throws Exception {
        String id = Incidents.newId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3 * 3600);
        // Past the end of its due date even as of the last event, whatever the hour the test runs at.
        java.time.LocalDate twoDaysAgo = java.time.LocalDate.ofInstant(Instant.now(), java.time.ZoneOffset.UTC).minusDays(2);
        String rollback = io.incidents.events.ChecklistItemTicked.rollbackChecklist("rb-1");
        List<io.incidents.events.IncidentEvent> events = new java.util.ArrayList<>(List.of(
                Incidents.declared(id, Severity.SEV2, at, "checkout"),
                new io.incidents.events.IncidentTypeSet(id, "database-connections", "Database <i>connections</i>",
                        List.of(new io.incidents.events.ChecklistItem("pool", "Check the <b>pool</b>"),
                                new io.incidents.events.ChecklistItem("sessions", "List the sessions")), true, at.plusSeconds(1)),
                new io.incidents.events.ChecklistItemTicked(id, "runbook", "pool", true, "alice", at.plusSeconds(60)),
                new RoleAssigned(id, IncidentRole.INCIDENT_COMMANDER, "carol", at.plusSeconds(70)),
                new io.incidents.events.RollbackStarted(id, "rb-1", io.incidents.events.RollbackProcedure.B, List.of("checkout"),
                        "v4.1.0", "migration", at.plusSeconds(120)),
                new io.incidents.events.ChecklistItemTicked(id, rollback, "step-backup", true, "bob", at.plusSeconds(130)),
                new io.incidents.events.ChecklistItemTicked(id, rollback, "verify-health", true, "bob", at.plusSeconds(600)),
                new io.incidents.events.RollbackCompleted(id, "rb-1", at.plusSeconds(700)),
                Incidents.resolved(id, at, 20),
                new io.incidents.events.PostMortemActionItemAdded(id, "ai-1", "Alert <script>x</script> on the pool", "erin",
                        twoDaysAgo, at.plusSeconds(1500)),
                new io.incidents.events.PostMortemActionItemAdded(id, "ai-2", "Rewrite the pool", "frank", null,
                        at.plusSeconds(1510)),
                new io.incidents.events.ActionItemUpdated(id, "ai-2", "frank", null, io.incidents.events.ActionItemStatus.WONT_DO,
                        "frank", at.plusSeconds(1520)),
                new io.incidents.events.PostMortemSectionWritten(id, io.incidents.events.PostMortemSection.LESSONS,
                        "Pools need <em>alerts</em>", "dana", at.plusSeconds(1600))));
        feed.publish("alice", events.toArray(io.incidents.events.IncidentEvent[]::new));
        new ReadApi(rest).awaitEvents(id, events.size());

        String room = page("/incidents/" + id, as("victor", Role.VIEWER));
        assertThat(room.substring(room.indexOf("id=\"incident-type\""))).startsWith("id=\"incident-type\"><span>database-connections</span>")
                .contains("(suggested by the alert)");
        String runbook = element(room, "ul", "runbook-checklist");
        assertThat(runbook).contains("Check the &lt;b&gt;pool&lt;/b&gt;").doesNotContain("<b>pool</b>")
                .containsPattern("data-item=\"pool\" data-done=\"true\"").contains("ticked by alice")
                .containsPattern("data-item=\"sessions\" data-done=\"false\"");
        assertThat(room).contains("Database &lt;i&gt;connections&lt;/i&gt;").doesNotContain("<i>connections</i>");
        String card = room.substring(room.indexOf("data-rollback=\"rb-1\""));
        assertThat(card).contains("class=\"unverified-mark\"").contains("Back up the database")
                .containsPattern("data-item=\"step-backup\" data-done=\"true\"")
                .containsPattern("data-item=\"verify-flows\" data-done=\"false\"");
        String items = element(room, "ul", "action-items");
        assertThat(items).contains("Alert &lt;script&gt;x&lt;/script&gt; on the pool").contains("class=\"overdue-mark\"")
                .contains("won&#39;t do");
        assertThat(items.substring(items.indexOf("data-item=\"ai-2\""))).as("not open: never overdue").doesNotContain("overdue");
        assertThat(room).contains("id=\"postmortem-follow-up\"").contains("owner carol");

        String pm = page("/incidents/" + id + "/postmortem", as("victor", Role.VIEWER));
        assertThat(element(pm, "section", "pm-checklists")).contains("Check the &lt;b&gt;pool&lt;/b&gt;")
                .contains("class=\"unverified-mark\"").contains("missing: Critical user flows working;");
        assertThat(element(pm, "section", "pm-action-items")).contains("class=\"overdue-mark\"").contains("open")
                .contains("won&#39;t do");
        assertThat(element(pm, "section", "pm-lessons")).contains("Pools need &lt;em&gt;alerts&lt;/em&gt;").contains("dana")
                .doesNotContain("<em>alerts</em>");
        assertThat(element(pm, "section", "pm-improve")).contains("Not written yet");
        assertThat(element(pm, "section", "pm-meeting")).contains("(48 h after the resolution)").contains("carol")
                .contains("(incident commander)").contains("not completed yet").contains("Ground rules and purpose");
        assertThat(pm).doesNotContain("<script>x</script>");
    }

    /** The element of that tag with that id, to its closing tag (no nesting of the same tag inside). */
    private static String element(String html, String tag, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isGreaterThan(0);
        start = html.lastIndexOf("<" + tag, start);
        return html.substring(start, html.indexOf("</" + tag + ">", start));
    }

    @Test
    void aNoteAndAMitigationAreSentToIncidentServiceAsThePerson() throws Exception {
        String id = declare("Queue stuck", Severity.SEV3);
        incidents.answer(201, "{\"noteId\":\"n-1\"}");

        mvc.perform(post("/incidents/" + id + "/actions/note").with(as("bob", Role.RESPONDER)).with(csrf())
                        .param("text", "consumer lag since 09:00"))
                .andExpect(flash().attribute("flash", new Flash(true, "Note added.")));
        mvc.perform(post("/incidents/" + id + "/actions/mitigation").with(as("bob", Role.RESPONDER)).with(csrf())
                        .param("kind", "WORKAROUND").param("description", "second consumer started"))
                .andExpect(flash().attribute("flash", new Flash(true, "Mitigation recorded.")));

        assertThat(incidents.calls()).extracting(StubCommandApi.Call::path, StubCommandApi.Call::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/api/v1/incidents/" + id + "/notes", "{\"text\":\"consumer lag since 09:00\"}"),
                org.assertj.core.groups.Tuple.tuple("/api/v1/incidents/" + id + "/mitigations",
                        "{\"kind\":\"WORKAROUND\",\"description\":\"second consumer started\"}"));
        assertThat(incidents.calls()).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer token-of-bob"));
        assertThat(page("/incidents/" + id, as("bob", Role.RESPONDER))).contains("id=\"action-note\"")
                .contains("id=\"action-mitigation\"");
    }

    /** The board's row of one incident. */
    private static String row(String board, String id) {
        int start = board.indexOf("<tr id=\"row-" + id);
        return start < 0 ? "" : board.substring(start, board.indexOf("</tr>", start));
    }

    @Test
    void aProblemDetectedBeforeItsDeclarationStartsTheCountdownsThereOnTheBoardAndInTheRoom() throws Exception {
        String id = Incidents.newId();
        Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Instant detectedAt = declaredAt.minusSeconds(600);
        feed.publish("alice", Incidents.detected(id, Severity.SEV2, declaredAt, detectedAt, "checkout"));
        new ReadApi(rest).awaitEvents(id, 1);
        // SEV2: 15 min to acknowledge from detection: due 5 min after the declaration.
        String ackClock = "data-start=\"" + detectedAt.toEpochMilli() + "\" data-deadline=\""
                + declaredAt.plusSeconds(300).toEpochMilli() + "\"";

        await().atMost(Duration.ofSeconds(10)).until(() -> page("/", as("victor", Role.VIEWER)).contains("row-" + id));
        String board = page("/", as("victor", Role.VIEWER));
        String row = board.substring(board.indexOf("<tr id=\"row-" + id), board.indexOf("</tr>", board.indexOf("row-" + id)));
        assertThat(row).contains("data-clock=\"acknowledge\"").contains(ackClock);

        String room = page("/incidents/" + id, as("victor", Role.VIEWER));
        assertThat(room).contains("id=\"detected-at\"").contains(detectedAt.toString())
                .contains("10 min before declaration: the SLA clocks start here")
                // Who held the levels when they were told, at the declaration.
                .containsPattern("id=\"oncall-at-declaration\"[^>]* href=\"/oncall\\?at=" + Pattern.quote(declaredAt.toString()) + "\"")
                .containsPattern("id=\"ack-clock\"[^>]*" + Pattern.quote(ackClock));
        assertThat(page("/incidents/" + declare("Detected when declared", Severity.SEV3), as("victor", Role.VIEWER)))
                .doesNotContain("id=\"detected-at\"");
    }

    @Test
    void thePostMortemPageShowsADetectionTimeThatWasClamped() throws Exception {
        String id = Incidents.newId();
        Instant declaredAt = Instant.parse("2026-04-03T12:00:00Z");
        feed.publish("alice", Incidents.detected(id, Severity.SEV3, declaredAt, declaredAt.minus(Duration.ofHours(30)), "docs"));
        new ReadApi(rest).awaitEvents(id, 1);

        String html = page("/incidents/" + id + "/postmortem", as("victor", Role.VIEWER));

        assertThat(html).contains("id=\"pm-detected\"").contains("2026-04-02 12:00:00 UTC")
                .contains("24 h before declaration; response times run from here")
                .contains("(given as 2026-04-02 06:00:00 UTC, clamped)");
    }

    @Test
    void theRoomAsOfAMomentBeforeTheDeclarationSaysSo() throws Exception {
        String id = declare("Old news", Severity.SEV3);
        assertThat(page("/incidents/" + id + "?asOf=2000-01-01T00:00:00Z", as("victor", Role.VIEWER)))
                .contains("had not been declared yet");
    }

    @Test
    void anActionIsSentToIncidentServiceAsThePerson() throws Exception {
        String id = declare("Billing webhooks failing", Severity.SEV2);
        incidents.answer(204, "");

        mvc.perform(post("/incidents/" + id + "/actions/severity").with(as("bob", Role.RESPONDER)).with(csrf())
                        .param("severity", "SEV1").param("reason", "all regions"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/incidents/" + id + "#actions"))
                .andExpect(flash().attribute("flash", new Flash(true, "Severity changed.")));

        assertThat(incidents.calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/api/v1/incidents/" + id + "/severity");
            assertThat(call.authorization()).isEqualTo("Bearer token-of-bob");
            assertThat(call.body()).isEqualTo("{\"severity\":\"SEV1\",\"reason\":\"all regions\"}");
        });
        assertThat(notifications.calls()).isEmpty();
    }

    @Test
    void aRefusalFromIncidentServiceIsShownInWords() throws Exception {
        String id = declare("Chat delayed", Severity.SEV3);
        incidents.answer(409, "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"Incident " + id + " is resolved\"}");

        mvc.perform(post("/incidents/" + id + "/actions/acknowledge").with(as("bob", Role.RESPONDER)).with(csrf()))
                .andExpect(flash().attribute("flash", new Flash(false, "Not done: Incident " + id + " is resolved")));
    }

    @Test
    void aViewerCannotActEvenWithAForgedForm() throws Exception {
        String id = declare("Email delayed", Severity.SEV3);
        mvc.perform(post("/incidents/" + id + "/actions/acknowledge").with(as("victor", Role.VIEWER)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(incidents.calls()).isEmpty();
        assertThat(notifications.calls()).isEmpty();
    }

    @Test
    void anActionWithoutTheCsrfTokenOrFromAnotherSiteIsRefused() throws Exception {
        String id = declare("Login slow", Severity.SEV3);
        mvc.perform(post("/incidents/" + id + "/actions/acknowledge").with(as("bob", Role.RESPONDER)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/incidents/" + id + "/actions/acknowledge").with(as("bob", Role.RESPONDER)).with(csrf())
                        .header("Sec-Fetch-Site", "cross-site"))
                .andExpect(status().isForbidden());
        assertThat(incidents.calls()).isEmpty();
        assertThat(notifications.calls()).isEmpty();
    }

    @Test
    void thePostMortemEscapesWhatRespondersAndAlertsWrote() throws Exception {
        String id = declare("<script>alert(1)</script> outage", Severity.SEV2);

        String html = page("/incidents/" + id + "/postmortem", as("victor", Role.VIEWER));
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; outage")
                .contains("id=\"pm-timeline\"").contains("id=\"pm-metrics\"").contains("id=\"pm-action-items\"");

        mvc.perform(get("/incidents/" + id + "/postmortem.md").with(as("victor", Role.VIEWER)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"postmortem-" + id + ".md\""));
    }

    @Test
    void pagesSendAContentSecurityPolicyThatAllowsOnlyTheirOwnScripts() throws Exception {
        mvc.perform(get("/").with(as("victor", Role.VIEWER)))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")));
    }

    @Test
    void theAdminPagesAreForAdminsOnly() throws Exception {
        mvc.perform(get("/admin").with(as("bob", Role.RESPONDER))).andExpect(status().isForbidden());
    }
}
