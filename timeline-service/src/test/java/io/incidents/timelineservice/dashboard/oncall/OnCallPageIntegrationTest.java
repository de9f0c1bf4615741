package io.incidents.timelineservice.dashboard.oncall;

import io.incidents.support.security.Role;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.timelineservice.dashboard.DashboardLogin;
import io.incidents.timelineservice.dashboard.DashboardPagesContext;
import io.incidents.timelineservice.dashboard.StubCommandApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The on-call page as the server renders it, for a viewer logged in through OpenID Connect, from
 * notification-service's answers (a recording stub): who holds each level, where from, until when,
 * who is next, the last hand-off note; for another moment; and when notification-service is away.
 */
@IntegrationTest
class OnCallPageIntegrationTest extends DashboardPagesContext {

    private static final String ON_CALL = "/api/v1/oncall";
    private static final String LEVELS = "/api/v1/escalation/levels";

    /**
     * At 09:00: level 1 covered by an override until 12:00 (Bob next, from the schedule), level 2
     * without a schedule (its contacts, which are none: nobody), level 3 without a schedule (its
     * contacts), level 4 on its schedule with a long hand-off note. Field names as
     * notification-service's OnCallController writes them.
     */
    private static final String ANSWER = """
            {"at":"2026-03-09T09:00:00Z","levels":[
             {"level":1,"levelName":"on-call engineer","scheduleId":"s1","scheduleName":"Platform <b>on-call</b>",
              "onCall":[{"personId":"zoe","name":"Zoe Park"}],"source":"OVERRIDE",
              "since":"2026-03-08T17:00:00Z","until":"2026-03-09T12:00:00Z",
              "next":{"personId":"bob","name":"Bob Stone","from":"2026-03-09T12:00:00Z","source":"SCHEDULE"},
              "lastHandOff":{"person":{"personId":"alice","name":"Alice Smith"},"shiftStart":"2026-03-02T08:00:00Z",
                "note":"db-2 <script>alert('x')</script> disk alert is noisy","at":"2026-03-09T08:00:00Z","recordedBy":"dana"},
              "note":null},
             {"level":2,"levelName":"DevOps lead","scheduleId":null,"scheduleName":null,"onCall":[],"source":"CONTACTS",
              "since":null,"until":null,"next":null,"lastHandOff":null,
              "note":"No on-call schedule for this level: its configured contacts are told."},
             {"level":3,"levelName":"engineering manager","scheduleId":null,"scheduleName":null,"onCall":[],"source":"CONTACTS",
              "since":null,"until":null,"next":null,"lastHandOff":null,
              "note":"No on-call schedule for this level: its configured contacts are told."},
             {"level":4,"levelName":"CTO","scheduleId":"s4","scheduleName":"Exec","onCall":[{"personId":"carol","name":"Carol"}],
              "source":"SCHEDULE","since":"2026-03-02T08:00:00Z","until":"2026-03-16T08:00:00Z",
              "next":{"personId":"ed","name":"Ed","from":"2026-03-16T08:00:00Z","source":"OVERRIDE"},
              "lastHandOff":{"person":{"personId":"ed","name":"Ed"},"shiftStart":"2026-02-23T08:00:00Z",
                "note":"%s","at":"2026-03-02T08:05:00Z","recordedBy":"ed"},"note":null}]}
            """.formatted("Quiet week. " + "Nothing else to report. ".repeat(20) + "The end.");

    private static final String CONTACTS_NOW = """
            {"levels":[{"level":1,"title":"on-call engineer","contacts":["Zoe Park"],"source":"OVERRIDE","scheduleId":"s1"},
             {"level":2,"title":"DevOps lead","contacts":[],"source":"NOBODY","scheduleId":null},
             {"level":3,"title":"engineering manager","contacts":["Erin Wu","Frank <i>Li</i>"],"source":"CONTACTS","scheduleId":null},
             {"level":4,"title":"CTO","contacts":["Carol"],"source":"SCHEDULE","scheduleId":"s4"}]}
            """;

    @Autowired
    WebApplicationContext context;
    @Autowired
    ClientRegistrationRepository registrations;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    private RequestPostProcessor viewer() {
        return new DashboardLogin(registrations).as("victor", Role.VIEWER);
    }

    private String page(String path, ResultMatcher expected) throws Exception {
        return mvc.perform(get(path).with(viewer())).andExpect(expected).andReturn().getResponse().getContentAsString();
    }

    private String pageAt(String at, ResultMatcher expected) throws Exception {
        return mvc.perform(get("/oncall").param("at", at).with(viewer())).andExpect(expected).andReturn().getResponse()
                .getContentAsString();
    }

    /** The card of one level, from its opening tag to the next card's. */
    private static String level(String html, int level) {
        int start = html.indexOf("id=\"level-" + level + "\"");
        assertThat(start).as("level %s is on the page", level).isPositive();
        int end = html.indexOf("id=\"level-" + (level + 1) + "\"", start);
        return html.substring(start, end < 0 ? html.indexOf("</ol>", start) : end);
    }

    @Test
    void aViewerSeesWhoHoldsEachLevelWhereFromUntilWhenWhoIsNextAndTheLastHandOffNote() throws Exception {
        notifications.answer(ON_CALL, 200, ANSWER);
        notifications.answer(LEVELS, 200, CONTACTS_NOW);
        notifications.answer(ON_CALL + "/checklist", 200, """
                {"title": "On-call checklist", "introduction": "The plan's procedures.", "sections": [
                  {"name": "Before the shift", "items": ["Read the <b>hand-off</b> note"]},
                  {"name": "After the shift", "items": ["Write the hand-off note"]}]}""");

        String html = page("/oncall", status().isOk());

        String checklist = html.substring(html.indexOf("id=\"oncall-checklist\""));
        assertThat(checklist).contains("<h3>Before the shift</h3>").contains("<li>Read the &lt;b&gt;hand-off&lt;/b&gt; note</li>")
                .contains("<h3>After the shift</h3>").contains("<li>Write the hand-off note</li>");

        assertThat(html).containsPattern("<a href=\"/oncall\"[^>]* class=\"active\">On call</a>").contains("Now, <time datetime=\"2026-03-09T09:00:00Z\"");
        String override = level(html, 1);
        assertThat(override).contains("data-holding=\"OVERRIDE\"").contains("on-call engineer").contains(">Zoe Park<")
                .contains("class=\"source-mark override\">override<")
                .contains("Covering the schedule “<span>Platform &lt;b&gt;on-call&lt;/b&gt;</span>” (an override).")
                .containsPattern("Since</dt>\\s*<dd class=\"since\"><time datetime=\"2026-03-08T17:00:00Z\">2026-03-08 17:00:00 UTC</time>\\s*"
                        + "<span class=\"meta\">\\(16 h ago\\)</span>")
                .containsPattern("Until</dt>\\s*<dd class=\"until\"><time datetime=\"2026-03-09T12:00:00Z\">2026-03-09 12:00:00 UTC</time>\\s*"
                        + "<span class=\"meta\">\\(in 3 h\\)</span>")
                .containsPattern("<strong>Bob Stone</strong>\\s*from <time datetime=\"2026-03-09T12:00:00Z\"")
                .containsPattern("by <span class=\"handoff-by\">Alice Smith</span> \\(recorded by <span>dana</span>\\)")
                .contains("db-2 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; disk alert is noisy")
                .doesNotContain("<script>alert")
                .doesNotContain("<details");

        String nobody = level(html, 2);
        assertThat(nobody).contains("data-holding=\"NOBODY\"").contains(">Nobody<")
                .contains("No on-call schedule and no configured contacts.")
                .contains("Its messages go to the next level up: <strong>level 3 (engineering manager: Erin Wu, Frank &lt;i&gt;Li&lt;/i&gt;)</strong>");

        String contacts = level(html, 3);
        assertThat(contacts).contains("data-holding=\"CONTACTS\"")
                .contains(">Erin Wu, Frank &lt;i&gt;Li&lt;/i&gt;<").contains(">configured contacts<")
                .contains("No on-call schedule for this level: its configured contacts are told.")
                .doesNotContain("Until").doesNotContain("as configured now");

        String scheduled = level(html, 4);
        assertThat(scheduled).contains("data-holding=\"SCHEDULE\"").contains(">Carol<").contains("On the schedule “<span>Exec</span>”.")
                .containsPattern("<span class=\"meta\">\\(in 6 d 23 h\\)</span>")
                .containsPattern("<strong>Ed</strong>\\s*<span class=\"source-mark override\">override</span>")
                // A long note is folded: its start shown, the whole of it behind "show all".
                .contains("<details class=\"handoff-fold\">").contains("<span class=\"handoff-excerpt\">Quiet week.")
                .contains("The end.</p>").doesNotContain("recorded by");

        assertThat(notifications.calls()).extracting(StubCommandApi.Call::path).contains(ON_CALL)
                .anySatisfy(path -> assertThat(path).startsWith(LEVELS + "?at="));
        assertThat(notifications.calls()).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer token-of-victor"));
    }

    @Test
    void aMomentAskedForIsForwardedAndTheTimesReadFromIt() throws Exception {
        notifications.answer(ON_CALL, 200, ANSWER);
        notifications.answer(LEVELS, 200, CONTACTS_NOW);

        // As a datetime-local field sends it (read as UTC), and as an instant with an offset.
        String html = pageAt("2026-03-09T09:00", status().isOk());
        pageAt("2026-03-09T10:00:00+01:00", status().isOk());

        assertThat(notifications.calls()).extracting(StubCommandApi.Call::path).filteredOn(path -> path.startsWith(ON_CALL + "?"))
                .containsExactly(ON_CALL + "?at=2026-03-09T09:00:00Z", ON_CALL + "?at=2026-03-09T09:00:00Z");
        assertThat(notifications.calls()).extracting(StubCommandApi.Call::path).filteredOn(path -> path.startsWith(LEVELS))
                .as("the configured contacts asked for the same moment")
                .containsExactly(LEVELS + "?at=2026-03-09T09:00:00Z", LEVELS + "?at=2026-03-09T09:00:00Z");
        assertThat(html).contains("As of <time datetime=\"2026-03-09T09:00:00Z\"").contains("id=\"oncall-now\"")
                .contains("value=\"2026-03-09T09:00\"");
        assertThat(level(html, 1)).contains("(3 h later)").contains("(16 h earlier)");
        assertThat(level(html, 3)).contains("(as configured now)");
    }

    @Test
    void contactsThatCannotBeNamedAreSaidToBeSo() throws Exception {
        notifications.answer(ON_CALL, 200, ANSWER);
        notifications.answer(LEVELS, 503, "{\"status\":503,\"detail\":\"notification-service is starting.\"}");

        String html = page("/oncall", status().isOk());

        assertThat(level(html, 1)).contains(">Zoe Park<");
        assertThat(level(html, 3)).contains(">Its configured contacts<")
                .contains("(names cannot be shown: notification-service is starting.)");
    }

    @Test
    void whenNotificationServiceCannotBeReachedThePageSaysSo() throws Exception {
        notifications.hangUp(ON_CALL);

        String html = page("/oncall", status().isOk());

        assertThat(html).contains("id=\"oncall-unavailable\"")
                .contains("Who is on call cannot be shown: notification-service cannot be reached right now; try again in a moment.")
                .doesNotContain("id=\"level-1\"");
    }

    @Test
    void whenNotificationServiceRefusesThePageSaysSo() throws Exception {
        notifications.answer(ON_CALL, 403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"Needs the VIEWER role.\"}");

        String html = pageAt("2026-03-09T09:00:00Z", status().isOk());

        assertThat(html).contains("Who is on call cannot be shown (HTTP 403): Needs the VIEWER role.")
                .doesNotContain("id=\"level-1\"");
    }

    @Test
    void aMomentThatCannotBeReadGetsThePageBackWithA400AndAMessage() throws Exception {
        String html = pageAt("yesterday<b>", status().isBadRequest());

        assertThat(html).contains("id=\"oncall-error\"").contains("at must be a moment such as 2026-03-09T09:00:00Z")
                .contains("value=\"yesterday&lt;b&gt;\"").doesNotContain("yesterday<b>");
        pageAt("2026-02-30T09:00", status().isBadRequest());
        pageAt("+12026-03-09T09:00:00Z", status().isBadRequest());
        assertThat(notifications.calls()).extracting(StubCommandApi.Call::path).noneMatch(path -> path.startsWith(ON_CALL));

        notifications.answer(ON_CALL, 400, "{\"status\":400,\"detail\":\"at must be between 2000-01-01T00:00:00Z and 2200-01-01T00:00:00Z\"}");
        assertThat(pageAt("1990-01-01T00:00:00Z", status().isBadRequest()))
                .contains("notification-service cannot answer for that moment: at must be between 2000-01-01T00:00:00Z");
    }
}
