package io.incidents.notificationservice.oncall;

import io.incidents.events.notification.OnCallSource;
import io.incidents.notificationservice.oncall.OnCallState.Schedule;
import io.incidents.notificationservice.oncall.OnCallState.Segment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.incidents.notificationservice.oncall.OnCallFixture.L1;
import static io.incidents.notificationservice.oncall.OnCallFixture.L2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ten test cases of the on-call research (oncall-anchors section 4), with its fixture
 * ({@link OnCallFixture#standard()}): Europe/Berlin, DST from 2026-03-29 02:00 to 03:00 and back
 * on 2026-10-25 03:00 to 02:00; times UTC. Each names the wrong answers it catches.
 */
class ResearchCasesTest {

    private final OnCallFixture fixture = OnCallFixture.standard();

    @Test
    void case1_turnsAreHalfOpen() {
        assertThat(fixture.who(1, "2026-03-09T07:59:59Z")).isEqualTo("Alice");
        assertThat(fixture.who(1, "2026-03-09T08:00:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(1, "2026-03-10T12:00:00Z")).isEqualTo("Bob");
    }

    @Test
    void case2_dstStart_theHandOffStaysAtNineLocal_soAlicesTurnIs167Hours() {
        assertThat(fixture.holders(1, "2026-03-30T07:30:00Z").orElseThrow().people()).extracting(Person::name).containsExactly("Bob");
        assertThat(fixture.who(1, "2026-03-30T06:59:59Z")).isEqualTo("Alice");
        Segment alice = segmentAt(L1, "2026-03-25T12:00:00Z");
        assertThat(alice.personId()).isEqualTo("alice");
        assertThat(alice.start()).isEqualTo("2026-03-23T08:00:00Z");
        assertThat(alice.end()).isEqualTo("2026-03-30T07:00:00Z");
        assertThat(Duration.between(alice.start(), alice.end())).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void case3_dstEnd_alicesTurnIs169Hours_andNoGap() {
        assertThat(fixture.who(1, "2026-10-26T07:30:00Z")).isEqualTo("Alice");
        assertThat(fixture.who(1, "2026-10-26T08:00:00Z")).isEqualTo("Bob");
        Segment alice = segmentAt(L1, "2026-10-26T07:30:00Z");
        assertThat(alice.start()).isEqualTo("2026-10-19T07:00:00Z");
        assertThat(alice.end()).isEqualTo("2026-10-26T08:00:00Z");
        assertThat(Duration.between(alice.start(), alice.end())).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void case4_handOffInsideTheGapMovesPastIt_andInTheFoldIsTheFirstOccurrence() {
        fixture.schedule("night", 4, "Night desk");
        fixture.rotation("night", "daily", OnCallFixture.daily(LocalDateTime.parse("2026-03-28T02:30"), "alice", "bob"));

        assertThat(fixture.who(4, "2026-03-29T01:15:00Z")).isEqualTo("Alice");
        assertThat(fixture.who(4, "2026-03-29T12:00:00Z")).isEqualTo("Bob");
        // 02:30 does not exist on 03-29: the hand-off is 03:30 CEST, 01:30Z.
        assertThat(fixture.who(4, "2026-03-29T01:29:59Z")).isEqualTo("Alice");
        assertThat(fixture.who(4, "2026-03-29T01:30:00Z")).isEqualTo("Bob");
        // 02:30 happens twice on 10-25: the first (CEST, 00:30Z) is the hand-off, not the second (01:30Z).
        assertThat(fixture.who(4, "2026-10-25T00:29:59Z")).isEqualTo("Alice");
        assertThat(fixture.who(4, "2026-10-25T00:30:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(4, "2026-10-25T01:30:00Z")).isEqualTo("Bob");
        assertThat(segmentAt("night", "2026-10-25T00:30:00Z").end()).isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void case5_outsideTheWindowsTheScheduleHasNobody_soTheConfiguredContactsAnswer() {
        Map<Integer, List<String>> contacts = Map.of(2, List.of("Frank"), 3, List.of("Grace"));
        // Saturday: the schedule is in force but has nobody; the router then uses the contacts (Frank).
        assertThat(fixture.holders(2, "2026-03-14T11:00:00Z")).hasValueSatisfying(holders -> {
            assertThat(holders.nobody()).isTrue();
            assertThat(holders.scheduleId()).isEqualTo(L2);
        });
        assertThat(told(2, "2026-03-14T11:00:00Z", contacts)).isEqualTo("Frank (CONTACTS)");
        // Friday 17:59 local is inside 09:00-18:00, 18:00 is not (half-open window).
        assertThat(fixture.who(2, "2026-03-13T16:59:00Z")).isEqualTo("Erin");
        assertThat(fixture.who(2, "2026-03-13T17:00:00Z")).isEqualTo("nobody");
        assertThat(told(2, "2026-03-13T17:00:00Z", contacts)).isEqualTo("Frank (CONTACTS)");
        // Without the fallback contacts, nobody at level 2: the level above (no schedule, Grace) is told at once.
        assertThat(told(2, "2026-03-14T11:00:00Z", Map.of(3, List.of("Grace")))).isEqualTo("Grace (level 3, CONTACTS)");
        assertThat(fixture.holders(3, "2026-03-14T11:00:00Z")).isEmpty();
    }

    @Test
    void case6_anOverrideOverAHandOff_thenTheRotationResumesWhereItIs() {
        fixture.override(L1, "zoe", "2026-03-08T17:00:00Z", "2026-03-10T08:00:00Z", "zoe");

        assertThat(fixture.who(1, "2026-03-08T16:59:00Z")).isEqualTo("Alice");
        assertThat(fixture.holders(1, "2026-03-09T09:00:00Z").orElseThrow())
                .satisfies(h -> assertThat(h.people()).extracting(Person::name).containsExactly("Zoe"))
                .satisfies(h -> assertThat(h.source()).isEqualTo(OnCallSource.OVERRIDE));
        assertThat(fixture.holders(1, "2026-03-10T08:00:00Z").orElseThrow())
                .satisfies(h -> assertThat(h.people()).extracting(Person::name).containsExactly("Bob"))
                .satisfies(h -> assertThat(h.source()).isEqualTo(OnCallSource.SCHEDULE));
    }

    @Test
    void case7_stackedOverrides_theLastRecordedWins_andItsEndDoesNotEndTheOther() {
        fixture.override(L1, "zoe", "2026-03-31T22:00:00Z", "2026-04-02T22:00:00Z", "zoe");
        fixture.clock.advance(Duration.ofMinutes(5));
        fixture.override(L1, "yann", "2026-04-01T22:00:00Z", "2026-04-02T10:00:00Z", "yann");

        assertThat(fixture.who(1, "2026-04-02T06:00:00Z")).isEqualTo("Yann");
        assertThat(fixture.who(1, "2026-04-02T11:00:00Z")).isEqualTo("Zoe");
        assertThat(fixture.who(1, "2026-04-02T22:00:00Z")).isEqualTo("Bob");
    }

    @Test
    void case8_aNewVersionKeepsHistory_continuesTheOrder_andCannotBePastDated() {
        assertThat(fixture.who(1, "2026-03-17T12:00:00Z")).isEqualTo("Carol");
        fixture.at("2026-03-18T10:00:00Z");
        OnCallRules.RotationRequest v2 = new OnCallRules.RotationRequest(List.of("alice", "bob", "carol", "dave"),
                LocalDateTime.parse("2026-03-02T09:00"), OnCallEvent.Cadence.WEEKS, 1, null, null, List.of(),
                Instant.parse("2026-03-23T08:00:00Z"));
        OnCallEvent.RotationDefined defined = fixture.rotation(L1, "weekly", v2).event();

        assertThat(defined.version()).isEqualTo(2);
        assertThat(fixture.who(1, "2026-03-17T12:00:00Z")).isEqualTo("Carol");
        // Alice had the turn starting 03-23 under v1 and keeps it: Alice, Bob, Carol, then Dave from 04-13.
        assertThat(fixture.who(1, "2026-03-23T08:00:00Z")).isEqualTo("Alice");
        assertThat(fixture.who(1, "2026-04-14T12:00:00Z")).isEqualTo("Dave");

        OnCallRules.RotationRequest pastDated = new OnCallRules.RotationRequest(v2.participants(), v2.firstHandOff(),
                v2.cadence(), 1, null, null, List.of(), Instant.parse("2026-03-16T08:00:00Z"));
        assertThatThrownBy(() -> OnCallRules.defineRotation(fixture.state(), fixture.now(), L1, "weekly", pastDated))
                .isInstanceOfSatisfying(OnCallException.class, e -> assertThat(e.code()).isEqualTo(OnCallError.PAST_DATED));
    }

    @Test
    void case9_onePersonOnTwoLevels_isOnBoth_andTurnsCountWeekendDays() {
        assertThat(fixture.who(1, "2026-03-09T11:00:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(2, "2026-03-09T11:00:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(1, "2026-03-10T11:00:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(2, "2026-03-10T11:00:00Z")).isEqualTo("Erin");
    }

    @Test
    void case10_theCalendarFeed_sixEventsInUtc_sameBytesEveryTime() throws IOException {
        fixture.at("2026-03-01T10:30:00Z");
        fixture.override(L1, "zoe", "2026-03-08T17:00:00Z", "2026-03-10T08:00:00Z", "zoe");
        Schedule schedule = fixture.state().schedule(L1).orElseThrow();

        String ics = export(schedule);

        List<String> events = new ArrayList<>();
        Matcher m = Pattern.compile("DTSTART:(\\S+)\r\nDTEND:(\\S+)\r\nSUMMARY:L1 on call: (\\S+( \\(override\\))?)\r\n").matcher(ics);
        while (m.find()) {
            events.add(m.group(3) + " " + m.group(1) + "-" + m.group(2));
        }
        assertThat(events).containsExactly(
                "Alice 20260302T080000Z-20260308T170000Z",
                "Zoe (override) 20260308T170000Z-20260310T080000Z",
                "Bob 20260310T080000Z-20260316T080000Z",
                "Carol 20260316T080000Z-20260323T080000Z",
                "Alice 20260323T080000Z-20260330T070000Z",
                "Bob 20260330T070000Z-20260406T070000Z");
        assertThat(ics).isEqualTo(export(schedule)).isEqualTo(golden("oncall/case10.ics"));
        // A later read of the same events (another instance, a restart) gives the same bytes.
        OnCallState reloaded = new OnCallState(fixture.state().events());
        assertThat(CalendarFeed.render(reloaded, reloaded.schedule(L1).orElseThrow(), reloaded.wholeSegments(
                reloaded.schedule(L1).orElseThrow(), Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-04-06T00:00:00Z"))))
                .isEqualTo(ics);
    }

    private String export(Schedule schedule) {
        OnCallState state = fixture.state();
        List<Segment> segments = state.wholeSegments(schedule, Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-04-06T00:00:00Z"));
        return CalendarFeed.render(state, schedule, segments);
    }

    static String golden(String resource) throws IOException {
        try (InputStream in = ResearchCasesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Segment segmentAt(String scheduleId, String at) {
        Instant instant = Instant.parse(at);
        Schedule schedule = fixture.state().schedule(scheduleId).orElseThrow();
        return fixture.state().wholeSegments(schedule, instant, instant.plusSeconds(1)).stream()
                .filter(s -> !s.start().isAfter(instant) && s.end().isAfter(instant)).findFirst().orElseThrow();
    }

    /**
     * Who the router tells for a level (its side of SPEC 4, sketched here to show the contract
     * it relies on): the schedule's holders; if no schedule or nobody on it, the level's
     * configured contacts; if none, the next level up.
     */
    private String told(int level, String at, Map<Integer, List<String>> contacts) {
        for (int l = level; l <= 4; l++) {
            Optional<OnCallHolders> holders = fixture.holders(l, at);
            String where = l == level ? "" : "level " + l + ", ";
            if (holders.isPresent() && !holders.get().nobody()) {
                return holders.get().people().get(0).name() + " (" + where + holders.get().source() + ")";
            }
            if (!contacts.getOrDefault(l, List.of()).isEmpty()) {
                return String.join(", ", contacts.get(l)) + " (" + where + "CONTACTS)";
            }
        }
        return "nobody";
    }
}
