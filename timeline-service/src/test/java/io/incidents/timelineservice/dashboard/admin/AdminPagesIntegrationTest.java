package io.incidents.timelineservice.dashboard.admin;

import io.incidents.events.Severity;
import io.incidents.support.audit.AuditLog;
import io.incidents.support.events.DeadLetters;
import io.incidents.support.security.Role;
import io.incidents.testsupport.EventFeed;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.ReadApi;
import io.incidents.timelineservice.dashboard.DashboardLogin;
import io.incidents.timelineservice.dashboard.DashboardPagesContext;
import io.incidents.timelineservice.dashboard.Flash;
import io.incidents.timelineservice.dashboard.StubCommandApi;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin pages as the server renders them, for an ADMIN logged in through OpenID Connect;
 * incident-service and notification-service are two recording stubs, so each call can be
 * checked and each service can fail on its own.
 */
@IntegrationTest
class AdminPagesIntegrationTest extends DashboardPagesContext {

    private static final EventFeed feed = new EventFeed(TOPIC);
    private static final List<String> PAGES = List.of("/admin", "/admin/replay", "/admin/replay/progress",
            "/admin/dead-letters", "/admin/tokens", "/admin/audit");
    private static final List<String> ACTIONS = List.of("/admin/replay", "/admin/dead-letters/7/retry", "/admin/tokens",
            "/admin/tokens/3f2a/revoke");

    @Autowired
    WebApplicationContext context;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ClientRegistrationRepository registrations;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    AuditLog auditLog;
    @Autowired
    DataSource dataSource;
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

    private RequestPostProcessor admin() {
        return as("ada", Role.ADMIN);
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
        return result.getResponse().getContentAsString();
    }

    private String page(String path) throws Exception {
        return page(get(path).with(admin()));
    }

    @Test
    void anAdminSeesEveryAdminPage() throws Exception {
        incidents.answer(200, "{\"items\":[]}");
        notifications.answer(200, "{\"items\":[]}");

        assertThat(page("/admin")).contains("id=\"admin-overview\"").contains("href=\"/admin/replay\"")
                .contains("href=\"/admin/dead-letters\"").contains("href=\"/admin/tokens\"").contains("href=\"/admin/audit\"");
        assertThat(page("/admin/replay")).contains("id=\"replay-bar\"").contains("id=\"replay-confirm\"");
        assertThat(page("/admin/dead-letters")).contains("id=\"parked-empty\"");
        assertThat(page("/admin/tokens")).contains("id=\"create-token\"").contains("No tokens yet.");
        assertThat(page("/admin/audit")).contains("id=\"audit-filter\"");
        assertThat(page("/")).contains("href=\"/admin\"");
    }

    @Test
    void respondersAndViewersAreRefusedEveryAdminPageAndAction() throws Exception {
        for (Role role : List.of(Role.RESPONDER, Role.VIEWER)) {
            for (String path : PAGES) {
                mvc.perform(get(path).with(as("bob", role))).andExpect(status().isForbidden());
            }
            for (String path : ACTIONS) {
                mvc.perform(post(path).with(as("bob", role)).with(csrf()).param("name", "ci").param("role", "ADMIN"))
                        .andExpect(status().isForbidden());
            }
        }
        assertThat(page(get("/admin/replay/progress").with(admin()))).contains("\"state\"");
        assertThat(incidents.calls()).isEmpty();
        assertThat(notifications.calls()).isEmpty();
    }

    @Test
    void anAdminActionWithoutTheCsrfTokenIsRefused() throws Exception {
        for (String path : ACTIONS) {
            mvc.perform(post(path).with(admin())).andExpect(status().isForbidden());
        }
        assertThat(incidents.calls()).isEmpty();
        assertThat(notifications.calls()).isEmpty();
    }

    @Test
    void creatingATokenRelaysTheFormAsTheAdminAndShowsTheSecretOnce() throws Exception {
        incidents.answer(201, "{\"id\":\"3f2a\",\"name\":\"ci deploy\",\"role\":\"RESPONDER\",\"expiresAt\":null,"
                + "\"token\":\"itk_s3cret<b>x</b>\"}");
        MockHttpSession session = new MockHttpSession();

        mvc.perform(post("/admin/tokens").with(admin()).with(csrf()).session(session)
                        .param("name", " ci deploy ").param("role", "RESPONDER").param("expires", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/tokens"))
                .andExpect(flash().attribute("flash", new Flash(true, "Token created.")));

        assertThat(incidents.calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/api/v1/admin/tokens");
            assertThat(call.authorization()).isEqualTo("Bearer token-of-ada");
            assertThat(call.body()).isEqualTo("{\"name\":\"ci deploy\",\"role\":\"RESPONDER\"}");
        });

        incidents.answer(200, "{\"items\":[{\"id\":\"3f2a\",\"name\":\"ci deploy\",\"role\":\"RESPONDER\",\"createdBy\":\"ada\","
                + "\"createdAt\":\"2026-11-26T10:00:00Z\",\"expiresAt\":null,\"revokedAt\":null,\"lastUsedAt\":null}]}");
        MvcResult shown = mvc.perform(get("/admin/tokens").with(admin()).session(session)).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andReturn();
        assertThat(shown.getResponse().getContentAsString())
                .contains("id=\"new-token-secret\">itk_s3cret&lt;b&gt;x&lt;/b&gt;</code>").contains("Copy it now")
                .contains("id=\"token-3f2a\"").contains("Token created.");

        String again = page(get("/admin/tokens").with(admin()).session(session));
        assertThat(again).doesNotContain("itk_s3cret").doesNotContain("new-token-secret").contains("id=\"token-3f2a\"");
        assertThat(java.util.Collections.list(session.getAttributeNames()))
                .allSatisfy(name -> assertThat(String.valueOf(session.getAttribute(name))).doesNotContain("itk_s3cret"));
    }

    /** As in production: the session, and so the flash, is kept in PostgreSQL, serialised between the two requests. */
    @Test
    void theNewSecretPassesThroughTheStoredSessionForOneViewOnly() throws Exception {
        MockMvc withStoredSessions = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(org.springframework.session.web.http.SessionRepositoryFilter.class))
                .apply(springSecurity()).build();
        incidents.answer(201, "{\"id\":\"5c\",\"name\":\"ci\",\"role\":\"VIEWER\",\"expiresAt\":null,\"token\":\"itk_stored\"}");

        MvcResult created = withStoredSessions.perform(post("/admin/tokens").with(admin()).with(csrf())
                        .param("name", "ci").param("role", "VIEWER"))
                .andExpect(redirectedUrl("/admin/tokens")).andReturn();
        jakarta.servlet.http.Cookie session = created.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();

        incidents.answer(200, "{\"items\":[]}");
        assertThat(page(withStoredSessions, get("/admin/tokens").with(admin()).cookie(session))).contains("itk_stored");
        assertThat(page(withStoredSessions, get("/admin/tokens").with(admin()).cookie(session))).doesNotContain("itk_stored");
    }

    private static String page(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aTokenWithAnExpiryDaySendsItsFirstMomentInUtc() throws Exception {
        incidents.answer(201, "{\"id\":\"9b\",\"name\":\"prometheus\",\"role\":\"METRICS\",\"expiresAt\":\"2027-01-31T00:00:00Z\","
                + "\"token\":\"itk_abc\"}");
        mvc.perform(post("/admin/tokens").with(admin()).with(csrf())
                        .param("name", "prometheus").param("role", "METRICS").param("expires", "2027-01-31"))
                .andExpect(redirectedUrl("/admin/tokens"));
        assertThat(incidents.calls()).singleElement().extracting(StubCommandApi.Call::body)
                .isEqualTo("{\"name\":\"prometheus\",\"role\":\"METRICS\",\"expiresAt\":\"2027-01-31T00:00:00Z\"}");

        incidents.reset();
        mvc.perform(post("/admin/tokens").with(admin()).with(csrf())
                        .param("name", "prometheus").param("role", "METRICS").param("expires", "next year"))
                .andExpect(flash().attribute("flash", new Flash(false, "Not created: the expiry must be a date such as 2027-01-31.")));
        assertThat(incidents.calls()).isEmpty();
    }

    @Test
    void revokingATokenRelaysADeleteAsTheAdmin() throws Exception {
        incidents.answer(204, "");
        mvc.perform(post("/admin/tokens/3f2a/revoke").with(admin()).with(csrf()).param("name", "ci deploy"))
                .andExpect(redirectedUrl("/admin/tokens"))
                .andExpect(flash().attribute("flash",
                        new Flash(true, "The token \u201cci deploy\u201d is revoked: every service refuses it within seconds.")));
        assertThat(incidents.calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("DELETE");
            assertThat(call.path()).isEqualTo("/api/v1/admin/tokens/3f2a");
            assertThat(call.authorization()).isEqualTo("Bearer token-of-ada");
        });
    }

    @Test
    void theTokenListShowsRoleCreationAndLastUseAndOffersRevokeOnlyForUsableTokens() throws Exception {
        incidents.answer(200, "{\"items\":["
                + "{\"id\":\"a1\",\"name\":\"<i>ci</i>\",\"role\":\"RESPONDER\",\"createdBy\":\"ada\",\"createdAt\":\"2026-11-01T10:00:00Z\","
                + "\"expiresAt\":null,\"revokedAt\":null,\"lastUsedAt\":\"2026-11-25T08:30:00Z\"},"
                + "{\"id\":\"b2\",\"name\":\"old\",\"role\":\"VIEWER\",\"createdBy\":\"ada\",\"createdAt\":\"2026-01-01T10:00:00Z\","
                + "\"expiresAt\":null,\"revokedAt\":\"2026-02-01T10:00:00Z\",\"lastUsedAt\":null}]}");

        String html = page("/admin/tokens");

        assertThat(html).contains("&lt;i&gt;ci&lt;/i&gt;").doesNotContain("<i>ci</i>")
                .contains("2026-11-01 10:00:00 UTC").contains("2026-11-25 08:30:00 UTC").contains("by ada")
                .contains("id=\"revoke-a1\"").doesNotContain("id=\"revoke-b2\"").contains("revoked");
    }

    @Test
    void deadLettersOfBothKindsAreListedAndARetryIsRelayed() throws Exception {
        deadLetters.record(new ConsumerRecord<>("it-admin", 2, 42L, "key-1", "<b>not json</b>"),
                new IllegalArgumentException("no event type <Foo>"));
        notifications.answer(200, "{\"items\":[{\"id\":7,\"incidentId\":\"0b7e4c1a-0000-4000-8000-000000000000\",\"channel\":\"EMAIL\","
                + "\"contact\":\"on-call <lead>\",\"address\":\"o***@example.com\",\"template\":\"incident-declared\",\"status\":\"DEAD\","
                + "\"attempts\":5,\"nextAttemptAt\":null,\"lastError\":\"550 mailbox <full>\",\"createdAt\":\"2026-11-26T09:00:00Z\"}]}");

        String html = page("/admin/dead-letters");

        assertThat(html).contains("EMAIL").contains("on-call &lt;lead&gt;").contains("o***@example.com")
                .contains("550 mailbox &lt;full&gt;").contains("none: retries ran out").contains("id=\"retry-7\"")
                .contains("action=\"/admin/dead-letters/7/retry\"")
                .contains("it-admin-2@42").contains("&lt;b&gt;not json&lt;/b&gt;").doesNotContain("<b>not json</b>");
        assertThat(notifications.calls()).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/api/v1/admin/notifications/dead-letters?limit=200");
            assertThat(call.authorization()).isEqualTo("Bearer token-of-ada");
        });

        notifications.reset();
        notifications.answer(202, "");
        mvc.perform(post("/admin/dead-letters/7/retry").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/admin/dead-letters"))
                .andExpect(flash().attribute("flash", new Flash(true, "Delivery 7 will be sent again, from its first attempt.")));
        assertThat(notifications.calls()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("/api/v1/admin/notifications/7/retry");
            assertThat(call.authorization()).isEqualTo("Bearer token-of-ada");
        });
    }

    @Test
    void tokenRefusalsAndOutagesFromIncidentServiceAreShownInWords() throws Exception {
        incidents.answer(409, "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"The token changed meanwhile; try again.\"}");
        mvc.perform(post("/admin/tokens/3f2a/revoke").with(admin()).with(csrf()))
                .andExpect(flash().attribute("flash", new Flash(false, "Not revoked: The token changed meanwhile; try again.")));

        incidents.answer(503, "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"Token distribution is unavailable; nothing changed.\"}");
        mvc.perform(post("/admin/tokens").with(admin()).with(csrf()).param("name", "ci").param("role", "VIEWER"))
                .andExpect(flash().attribute("flash", new Flash(false, "Not created: Token distribution is unavailable; nothing changed.")))
                .andExpect(flash().attribute("issued", org.hamcrest.Matchers.nullValue()));
        assertThat(page("/admin/tokens")).contains("id=\"tokens-unavailable\"")
                .contains("API tokens cannot be shown: Token distribution is unavailable; nothing changed.");

        incidents.answer(403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"ADMIN only.\"}");
        mvc.perform(post("/admin/tokens/3f2a/revoke").with(admin()).with(csrf()))
                .andExpect(flash().attribute("flash", new Flash(false, "Not allowed: ADMIN only.")));
    }

    @Test
    void deadLetterRefusalsAndOutagesFromNotificationServiceAreShownInWords() throws Exception {
        notifications.answer(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No dead letter 9.\"}");
        mvc.perform(post("/admin/dead-letters/9/retry").with(admin()).with(csrf()))
                .andExpect(flash().attribute("flash", new Flash(false, "Not retried, not found: No dead letter 9.")));

        notifications.answer(503, "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"Database unavailable.\"}");
        assertThat(page("/admin/dead-letters")).contains("Parked deliveries cannot be shown: Database unavailable.")
                .contains("Records timeline-service could not read");
    }

    @Test
    void theReplayPageShowsAReplayWhileItRunsAndWhenItHasEnded() throws Exception {
        String id = Incidents.newId();
        feed.publish("alice", Incidents.declared(id, Severity.SEV3, Instant.now().truncatedTo(ChronoUnit.SECONDS), "checkout"));
        new ReadApi(rest).awaitEvents(id, 1);

        // Hold a lock the replay needs, so it is certainly still running for the checks below.
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incident_event IN ACCESS EXCLUSIVE MODE");

            mvc.perform(post("/admin/replay").with(admin()).with(csrf()))
                    .andExpect(redirectedUrl("/admin/replay"))
                    .andExpect(flash().attribute("flash", new Flash(true, "Replay started. The pages keep showing the current"
                            + " read models until the rebuilt ones are complete and swapped in.")));

            String running = page("/admin/replay");
            assertThat(running).contains("data-state=\"RUNNING\"").contains("counting the records to read")
                    .contains("src=\"/assets/admin.js\"").contains("id=\"replay-running-note\">")
                    .contains("id=\"replay-confirm\" hidden");
            // The records to read are not counted yet: a bar without a value, which browsers draw as "under way".
            assertThat(progressTag(running)).startsWith("<progress id=\"replay-bar\" class=\"meter\" max=\"100\"")
                    .doesNotContain("value").doesNotContain("hidden");
            mvc.perform(get("/admin/replay/progress").with(admin()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value("RUNNING"))
                    .andExpect(jsonPath("$.running").value(true))
                    .andExpect(jsonPath("$.positionText").isString());

            mvc.perform(post("/admin/replay").with(admin()).with(csrf()))
                    .andExpect(redirectedUrl("/admin/replay"))
                    .andExpect(flash().attribute("flash", new Flash(false,
                            "Not started: a replay is already running, and only one runs at a time. Its progress is below.")));
            blocker.rollback();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !mvc.perform(get("/admin/replay/progress").with(admin()))
                .andReturn().getResponse().getContentAsString().contains("\"RUNNING\""));
        mvc.perform(get("/admin/replay/progress").with(admin()))
                .andExpect(jsonPath("$.state").value("COMPLETED"))
                .andExpect(jsonPath("$.percent").value(100));
        String done = page("/admin/replay");
        assertThat(progressTag(done)).contains("value=\"100\"");
        assertThat(done).contains("data-state=\"COMPLETED\"").contains("Completed: the rebuilt read models are in use.")
                .contains("id=\"replay-running-note\" hidden");
        assertThat(auditLog.find(new AuditLog.Query("ada", "REPLAY_STARTED", null, null, 10))).hasSize(1);
    }

    private static String progressTag(String html) {
        int start = html.indexOf("<progress id=\"replay-bar\"");
        return html.substring(start, html.indexOf('>', start) + 1).replaceAll("\\s+", " ");
    }

    @Test
    void theAuditPageMergesTheThreeServicesNewestFirstAndNamesEach() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        auditLog.record("auditor", "TOKEN_REVOKED", "token <old>", null, "10.0.0.1");
        incidents.answer(200, "{\"items\":[{\"id\":11,\"at\":\"" + now.minusSeconds(3600) + "\",\"actor\":\"auditor\","
                + "\"action\":\"TOKEN_CREATED\",\"target\":\"token ci\",\"detail\":\"role VIEWER\",\"address\":\"10.0.0.2\"}]}");
        notifications.answer(200, "{\"items\":[{\"id\":5,\"at\":\"" + now.minusSeconds(7200) + "\",\"actor\":\"auditor\","
                + "\"action\":\"DEAD_LETTER_RETRIED\",\"target\":\"delivery 7\",\"detail\":null,\"address\":\"10.0.0.3\"}]}");

        String html = page("/admin/audit?actor=auditor");

        int timeline = html.indexOf("token &lt;old&gt;");
        int incident = html.indexOf("token ci");
        int notification = html.indexOf("delivery 7");
        assertThat(timeline).isPositive();
        assertThat(incident).isGreaterThan(timeline);
        assertThat(notification).isGreaterThan(incident);
        assertThat(html).contains(">timeline-service<").contains(">incident-service<").contains(">notification-service<")
                .doesNotContain("are missing");
        assertThat(incidents.calls()).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/api/v1/admin/audit?limit=200&actor=auditor");
            assertThat(call.authorization()).isEqualTo("Bearer token-of-ada");
        });
        assertThat(notifications.calls()).singleElement().extracting(StubCommandApi.Call::path)
                .isEqualTo("/api/v1/admin/audit?limit=200&actor=auditor");
    }

    @Test
    void theAuditFiltersGoToEveryServiceAsTheyTakeThem() throws Exception {
        incidents.answer(200, "{\"items\":[]}");
        notifications.answer(200, "{\"items\":[]}");

        String html = page(get("/admin/audit").with(admin()).param("actor", "token:ci deploy&limit=1000")
                .param("action", "token_created").param("from", "2026-11-01").param("to", "2026-11-30"));

        assertThat(incidents.calls()).singleElement().extracting(StubCommandApi.Call::path).isEqualTo("/api/v1/admin/audit?limit=200"
                + "&actor=token%3Aci+deploy%26limit%3D1000&action=TOKEN_CREATED&from=2026-11-01T00%3A00%3A00Z&to=2026-12-01T00%3A00%3A00Z");
        assertThat(html).contains("value=\"TOKEN_CREATED\"").contains("value=\"2026-11-30\"").contains("id=\"audit-empty\"");
    }

    @Test
    void anAuditSourceThatFailsIsNamedAndTheOthersAreShown() throws Exception {
        auditLog.record("someone", "LOGIN_FAILED", null, "basic", "10.0.0.9");
        incidents.answer(200, "{\"items\":[{\"id\":1,\"at\":\"2026-11-26T10:00:00Z\",\"actor\":\"someone\",\"action\":\"ACCESS_DENIED\","
                + "\"target\":\"GET /api/v1/admin/tokens\"}]}");
        notifications.answer(503, "{\"status\":503,\"detail\":\"notification-service is starting.\"}");

        String html = page("/admin/audit?actor=someone");

        assertThat(html).contains("Entries from notification-service are missing: notification-service is starting.")
                .contains("GET /api/v1/admin/tokens").contains("LOGIN_FAILED");
    }

    @Test
    void aFilterThatCannotBeUnderstoodIsExplainedAndNotSent() throws Exception {
        String html = page("/admin/audit?action=drop%20table&from=yesterday");

        assertThat(html).contains("The action must be a name such as LOGIN_FAILED")
                .contains("\u201cfrom\u201d must be a date such as 2026-11-26.");
        assertThat(incidents.calls()).isEmpty();
        assertThat(notifications.calls()).isEmpty();
    }
}
