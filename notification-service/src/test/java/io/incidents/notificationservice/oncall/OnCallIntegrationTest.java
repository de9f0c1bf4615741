package io.incidents.notificationservice.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.events.notification.OnCallSource;
import io.incidents.support.database.DatabaseOwner;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On-call schedules end to end over HTTP, on the real PostgreSQL, with the service's real
 * clock: people, a schedule with a daily rotation that began yesterday, who is on call (and
 * the hand-off at its boundary), an override, a hand-off note, the calendar feed and its token,
 * and the refusals. Every schedule made here is retired afterwards, so other tests sharing the
 * context see no schedule in force.
 */
@IntegrationTest
class OnCallIntegrationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private OnCall onCall;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DatabaseOwner owner;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void retireEverySchedule() {
        for (JsonNode schedule : call(HttpMethod.GET, "/api/v1/oncall/schedules", null, TestLogins.VIEWER).getBody().get("items")) {
            if (schedule.get("retiredFrom").isNull()) {
                call(HttpMethod.DELETE, "/api/v1/oncall/schedules/" + schedule.get("scheduleId").asText(), null, TestLogins.RESPONDER);
            }
        }
    }

    @Test
    void fromPeopleToWhoIsOnCall_acrossAHandOff_anOverride_aHandOffNote_andTheCalendar() {
        String ana = person("ana", "Ana Lima", "https://hooks.example/services/T1/B1/secret-ana");
        String ben = person("ben", "Ben Okafor", null);
        String cy = person("cy", "Cy Park", null);

        ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/v1/oncall/schedules",
                Map.of("level", 1, "name", "Platform on-call", "zone", "Europe/Berlin"), TestLogins.RESPONDER);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String scheduleId = created.getBody().get("scheduleId").asText();
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/oncall/schedules/" + scheduleId);
        String calendarUrl = created.getBody().get("calendarUrl").asText();
        assertThat(calendarUrl).contains("/api/v1/oncall/schedules/" + scheduleId + "/calendar.ics?token=");

        // Daily hand-offs at the current minute of the day, counted from yesterday: Ana yesterday, Ben now, Cy next.
        Instant now = Instant.now();
        LocalDateTime firstHandOff = LocalDateTime.ofInstant(now, BERLIN).truncatedTo(ChronoUnit.MINUTES).minusDays(1);
        Instant handOffToBen = ZonedDateTime.of(firstHandOff.plusDays(1), BERLIN).toInstant();
        Instant handOffToCy = ZonedDateTime.of(firstHandOff.plusDays(2), BERLIN).toInstant();
        ResponseEntity<JsonNode> rotation = call(HttpMethod.PUT, "/api/v1/oncall/schedules/" + scheduleId + "/rotations/daily",
                Map.of("participants", List.of(ana, ben, cy), "firstHandOff", firstHandOff.toString(), "cadence", "DAYS", "length", 1),
                TestLogins.RESPONDER);
        assertThat(rotation.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rotation.getBody().at("/version/version").asInt()).isEqualTo(1);

        JsonNode level1 = whoIsOnCall(null).get(0);
        assertThat(level1.at("/onCall/0/personId").asText()).isEqualTo(ben);
        assertThat(level1.at("/onCall/0/name").asText()).isEqualTo("Ben Okafor");
        assertThat(level1.get("source").asText()).isEqualTo("SCHEDULE");
        assertThat(Instant.parse(level1.get("until").asText())).isEqualTo(handOffToCy);
        assertThat(level1.at("/next/personId").asText()).isEqualTo(cy);
        assertThat(Instant.parse(level1.at("/next/from").asText())).isEqualTo(handOffToCy);
        JsonNode level2 = whoIsOnCall(null).get(1);
        assertThat(level2.get("scheduleId").isNull()).isTrue();
        assertThat(level2.get("source").asText()).isEqualTo("CONTACTS");
        assertThat(level2.get("note").asText()).contains("configured contacts");

        // The hand-off at its boundary, half-open: Ben until the instant before, Cy from it.
        assertThat(whoIsOnCall(handOffToCy.minusSeconds(1)).get(0).at("/onCall/0/personId").asText()).isEqualTo(ben);
        assertThat(whoIsOnCall(handOffToCy).get(0).at("/onCall/0/personId").asText()).isEqualTo(cy);
        // Yesterday the level had no schedule yet, and a schedule made today does not change that.
        assertThat(whoIsOnCall(handOffToBen).get(0).get("scheduleId").isNull()).isTrue();

        // What the router calls.
        OnCallHolders holders = onCall.holders(1, Instant.now()).orElseThrow();
        assertThat(holders.scheduleId()).isEqualTo(scheduleId);
        assertThat(holders.source()).isEqualTo(OnCallSource.SCHEDULE);
        assertThat(holders.people()).containsExactly(new Person(ben, "Ben Okafor", ben + "@example.com", null));
        assertThat(onCall.holders(2, Instant.now())).isEmpty();
        assertThat(onCall.nameOf("https://hooks.example/services/T1/B1/secret-ana")).hasValue("Ana Lima");

        // An override asked from an hour ago starts now, and says so.
        ResponseEntity<JsonNode> override = call(HttpMethod.POST, "/api/v1/oncall/schedules/" + scheduleId + "/overrides",
                Map.of("from", Instant.now().minus(Duration.ofHours(1)).toString(), "to", Instant.now().plus(Duration.ofHours(2)).toString(),
                        "personId", ana, "reason", "Ben's train is late"), TestLogins.RESPONDER);
        assertThat(override.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(override.getBody().get("startMovedToNow").asBoolean()).isTrue();
        assertThat(override.getBody().get("note").asText()).contains("starts now");
        String overrideId = override.getBody().at("/override/overrideId").asText();
        level1 = whoIsOnCall(null).get(0);
        assertThat(level1.at("/onCall/0/personId").asText()).isEqualTo(ana);
        assertThat(level1.get("source").asText()).isEqualTo("OVERRIDE");
        assertThat(onCall.holders(1, Instant.now()).orElseThrow().source()).isEqualTo(OnCallSource.OVERRIDE);

        // The hand-off note: by default the holder's (Ana's, on the override).
        ResponseEntity<JsonNode> note = call(HttpMethod.POST, "/api/v1/oncall/schedules/" + scheduleId + "/handoffs",
                Map.of("note", "Queue consumer lag alert is flapping; silenced until 18:00."), TestLogins.RESPONDER);
        assertThat(note.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(note.getBody().at("/person/personId").asText()).isEqualTo(ana);
        assertThat(note.getBody().get("recordedBy").asText()).isEqualTo(TestLogins.RESPONDER.username());
        assertThat(whoIsOnCall(null).get(0).at("/lastHandOff/note").asText()).startsWith("Queue consumer lag");

        // Withdrawn: Ben again.
        ResponseEntity<JsonNode> withdrawn = call(HttpMethod.DELETE, "/api/v1/oncall/schedules/" + scheduleId + "/overrides/" + overrideId,
                null, TestLogins.RESPONDER);
        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getBody().get("withdrawnAt").isNull()).isFalse();
        assertThat(whoIsOnCall(null).get(0).at("/onCall/0/personId").asText()).isEqualTo(ben);

        JsonNode detail = call(HttpMethod.GET, "/api/v1/oncall/schedules/" + scheduleId, null, TestLogins.VIEWER).getBody();
        assertThat(detail.at("/rotations/0/versions/0/participants").findValuesAsText("name"))
                .containsExactly("Ana Lima", "Ben Okafor", "Cy Park");
        assertThat(detail.at("/overrides/0/person/personId").asText()).isEqualTo(ana);
        assertThat(detail.at("/handOffs/0/note").asText()).startsWith("Queue consumer lag");
        assertThat(detail.get("createdBy").asText()).isEqualTo(TestLogins.RESPONDER.username());

        // The calendar: open with its token, to nobody without it.
        String path = calendarUrl.substring(calendarUrl.indexOf("/api/"));
        ResponseEntity<String> ics = rest.getForEntity(path, String.class);
        assertThat(ics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ics.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/calendar"))).isTrue();
        assertThat(ics.getBody()).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n")
                .contains("SUMMARY:L1 on call: Ben Okafor\r\n", "SUMMARY:L1 on call: Cy Park\r\n", "SUMMARY:L1 on call: Ana Lima (override)\r\n");
        assertThat(rest.getForEntity(path, String.class).getBody()).as("byte-stable").isEqualTo(ics.getBody());
        String withoutToken = "/api/v1/oncall/schedules/" + scheduleId + "/calendar.ics";
        assertThat(rest.getForEntity(withoutToken, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity(withoutToken + "?token=guess", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(TestLogins.VIEWER.on(rest).getForEntity(withoutToken, String.class).getStatusCode()).as("a login is no token")
                .isEqualTo(HttpStatus.NOT_FOUND);
        HttpHeaders calendarClient = new HttpHeaders();
        calendarClient.setAccept(List.of(MediaType.parseMediaType("text/calendar")));
        assertThat(rest.exchange(withoutToken + "?token=guess", HttpMethod.GET, new HttpEntity<>(calendarClient), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity(path + "&from=garbage", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // Who did it: the logged-in user, in the event log and the audit log.
        assertThat(jdbc.queryForList("SELECT DISTINCT recorded_by FROM oncall_event WHERE schedule_id = ?", String.class, scheduleId))
                .containsExactly(TestLogins.RESPONDER.username());
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE target LIKE ?", String.class, "%" + scheduleId + "%"))
                .contains("ONCALL_SCHEDULE_CREATED", "ONCALL_ROTATION_DEFINED", "ONCALL_OVERRIDE_ADDED", "ONCALL_HANDOFF_NOTED",
                        "ONCALL_OVERRIDE_WITHDRAWN");
    }

    @Test
    void theOnCallChecklistIsServedToViewers() {
        JsonNode checklist = call(HttpMethod.GET, "/api/v1/oncall/checklist", null, TestLogins.VIEWER).getBody();

        assertThat(checklist.get("title").asText()).isEqualTo("On-call checklist");
        assertThat(checklist.at("/sections/2/name").asText()).isEqualTo("After the shift");
        assertThat(checklist.at("/sections/2/items/0").asText()).startsWith("Write the hand-off note");
        assertThat(rest.getForEntity("/api/v1/oncall/checklist", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void pastDatedChangesAreConflicts_andBadInputIsA400WithTheField() {
        String dee = person("dee", "Dee", null);
        String scheduleId = call(HttpMethod.POST, "/api/v1/oncall/schedules",
                Map.of("level", 2, "name", "DevOps", "zone", "Europe/Berlin"), TestLogins.RESPONDER).getBody().get("scheduleId").asText();
        String rotations = "/api/v1/oncall/schedules/" + scheduleId + "/rotations/";

        ResponseEntity<JsonNode> pastVersion = call(HttpMethod.PUT, rotations + "weekly", Map.of("participants", List.of(dee),
                "firstHandOff", "2026-03-02T09:00", "cadence", "WEEKS", "length", 1,
                "effectiveFrom", Instant.now().minus(Duration.ofDays(1)).toString()), TestLogins.RESPONDER);
        problem(pastVersion, HttpStatus.CONFLICT, "PAST_DATED");
        problem(call(HttpMethod.DELETE, "/api/v1/oncall/schedules/" + scheduleId + "?effectiveFrom=2020-01-01T00:00:00Z", null,
                TestLogins.RESPONDER), HttpStatus.CONFLICT, "PAST_DATED");
        problem(call(HttpMethod.POST, "/api/v1/oncall/schedules/" + scheduleId + "/overrides", Map.of("from", "2024-01-01T00:00:00Z",
                "to", "2024-01-02T00:00:00Z", "personId", dee), TestLogins.RESPONDER), HttpStatus.CONFLICT, "PAST_DATED");
        problem(call(HttpMethod.POST, "/api/v1/oncall/schedules", Map.of("level", 2, "name", "Again", "zone", "Europe/Berlin"),
                TestLogins.RESPONDER), HttpStatus.CONFLICT, "LEVEL_HAS_SCHEDULE");

        assertThat(field(call(HttpMethod.POST, "/api/v1/oncall/schedules", Map.of("level", 7, "name", "x", "zone", "Europe/Berlin"),
                TestLogins.RESPONDER))).isEqualTo("level");
        assertThat(field(call(HttpMethod.POST, "/api/v1/oncall/schedules", Map.of("level", 3, "name", "x", "zone", "Berlin"),
                TestLogins.RESPONDER))).isEqualTo("zone");
        assertThat(field(call(HttpMethod.PUT, rotations + "weekly", Map.of("participants", List.of(dee, "nobody-" + suffix),
                "firstHandOff", "2026-03-02T09:00", "cadence", "WEEKS", "length", 1), TestLogins.RESPONDER))).isEqualTo("participants[1]");
        assertThat(field(call(HttpMethod.PUT, rotations + "weekly", Map.of("participants", List.of(dee),
                "firstHandOff", "2026-03-02T09:00", "cadence", "WEEKS", "length", 1,
                "activeWindows", List.of(Map.of("days", List.of(), "from", "09:00", "to", "17:00"))), TestLogins.RESPONDER)))
                .isEqualTo("activeWindows[0].days");
        assertThat(field(call(HttpMethod.PUT, "/api/v1/oncall/people/eve-" + suffix, Map.of("name", "Eve", "chatWebhook", "ftp://x/y"),
                TestLogins.RESPONDER))).isEqualTo("chatWebhook");
        assertThat(field(call(HttpMethod.POST, "/api/v1/oncall/schedules/" + scheduleId + "/handoffs", Map.of("note", "x".repeat(4001)),
                TestLogins.RESPONDER))).isEqualTo("note");
        // Unreadable values: Jackson's and Spring's conversions, answered as problems, never a 500.
        assertThat(call(HttpMethod.PUT, rotations + "weekly", Map.of("participants", List.of(dee), "firstHandOff", "soon",
                "cadence", "WEEKS", "length", 1), TestLogins.RESPONDER).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call(HttpMethod.PUT, rotations + "weekly", Map.of("participants", List.of(dee), "firstHandOff", "2026-03-02T09:00",
                "cadence", "MONTHS", "length", 1), TestLogins.RESPONDER).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call(HttpMethod.GET, "/api/v1/oncall?at=yesterday", null, TestLogins.VIEWER).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call(HttpMethod.GET, "/api/v1/oncall?at=9999-01-01T00:00:00Z", null, TestLogins.VIEWER).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        problem(call(HttpMethod.GET, "/api/v1/oncall/schedules/unknown-" + suffix, null, TestLogins.VIEWER), HttpStatus.NOT_FOUND,
                "UNKNOWN_SCHEDULE");
        problem(call(HttpMethod.DELETE, "/api/v1/oncall/schedules/" + scheduleId + "/overrides/unknown", null, TestLogins.RESPONDER),
                HttpStatus.NOT_FOUND, "UNKNOWN_OVERRIDE");
        assertThat(call(HttpMethod.PUT, "/api/v1/oncall/people/fay-" + suffix, Map.of("name", "Fay"), TestLogins.VIEWER)
                .getStatusCode()).as("a viewer changes nothing").isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theEventLogIsAppendOnly_andAnotherInstancesWritesAreSeen() {
        String gus = person("gus", "Gus", null);
        // The service's own role may not even try; the table's owner is stopped by its triggers.
        assertThatThrownBy(() -> jdbc.update("UPDATE oncall_event SET recorded_by = 'someone else'"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM oncall_event")).isInstanceOf(DataAccessException.class);
        JdbcTemplate schemaOwner = new JdbcTemplate(owner.dataSource());
        assertThatThrownBy(() -> schemaOwner.update("UPDATE oncall_event SET recorded_by = 'someone else'"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> schemaOwner.update("DELETE FROM oncall_event")).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> schemaOwner.execute("TRUNCATE oncall_event")).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");

        // Written by another instance sharing the database: read at the next question.
        jdbc.update("INSERT INTO oncall_event (type, schedule_id, payload, recorded_at, recorded_by) VALUES"
                + " ('PersonSaved', NULL, ?::jsonb, now(), 'elsewhere')",
                "{\"personId\":\"" + gus + "\",\"name\":\"Gus Renamed\",\"email\":\"gus@corp.example\",\"chatWebhook\":null}");
        assertThat(onCall.nameOf("gus@corp.example")).hasValue("Gus Renamed");
        JsonNode people = call(HttpMethod.GET, "/api/v1/oncall/people", null, TestLogins.VIEWER).getBody().get("items");
        List<String> names = new ArrayList<>();
        people.forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("Gus Renamed");
        people.forEach(p -> assertThat(p.get("email").asText()).as("redacted").matches(".…@.+"));
    }

    private String person(String name, String fullName, String chatWebhook) {
        String id = name + "-" + suffix;
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", fullName, "email", id + "@example.com"));
        if (chatWebhook != null) {
            body.put("chatWebhook", chatWebhook);
        }
        ResponseEntity<JsonNode> saved = call(HttpMethod.PUT, "/api/v1/oncall/people/" + id, body, TestLogins.RESPONDER);
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody().get("email").asText()).as("redacted").isEqualTo(id.charAt(0) + "…@example.com");
        if (chatWebhook != null) {
            assertThat(saved.getBody().get("chatWebhook").asText()).as("a webhook URL is a credential").isEqualTo("https://hooks.example/…");
        }
        return id;
    }

    private JsonNode whoIsOnCall(Instant at) {
        ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/v1/oncall" + (at == null ? "" : "?at=" + at), null, TestLogins.VIEWER);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().get("levels")).hasSize(4);
        return answer.getBody().get("levels");
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, TestLogins.Login login) {
        HttpHeaders headers = new HttpHeaders();
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return login.on(rest).exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static void problem(ResponseEntity<JsonNode> answer, HttpStatus status, String code) {
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(answer.getBody().get("code").asText()).isEqualTo(code);
        assertThat(answer.getBody().get("detail").asText()).isNotBlank();
    }

    private static String field(ResponseEntity<JsonNode> answer) {
        problem(answer, HttpStatus.BAD_REQUEST, "INVALID");
        return answer.getBody().at("/errors/0/field").asText();
    }
}
