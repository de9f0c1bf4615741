package io.incidents.notificationservice.oncall;

import io.incidents.events.notification.OnCallSource;
import io.incidents.notificationservice.oncall.OnCallEvent.ActiveWindow;
import io.incidents.notificationservice.oncall.OnCallEvent.Cadence;
import io.incidents.notificationservice.oncall.OnCallEvent.HandOffNoted;
import io.incidents.notificationservice.oncall.OnCallEvent.OverrideWithdrawn;
import io.incidents.notificationservice.oncall.OnCallRules.OverrideOutcome;
import io.incidents.notificationservice.oncall.OnCallRules.RotationRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static io.incidents.notificationservice.oncall.OnCallFixture.L1;
import static io.incidents.notificationservice.oncall.OnCallFixture.L2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of every on-call change, one test per rule, on the research fixture (clock 2026-03-01). */
class OnCallRulesTest {

    private final OnCallFixture fixture = OnCallFixture.standard();

    // ---- history is never rewritten

    @Test
    void anOverrideStartingInThePastStartsNow_andSaysSo() {
        fixture.at("2026-03-09T12:00:00Z");
        OverrideOutcome outcome = fixture.override(L1, "late", "2026-03-09T06:00:00Z", "2026-03-09T20:00:00Z", "zoe");

        assertThat(outcome.startMovedToNow()).isTrue();
        assertThat(outcome.event().from()).isEqualTo("2026-03-09T12:00:00Z");
        // Who held the level before the recording stays who it was.
        assertThat(fixture.who(1, "2026-03-09T11:59:59Z")).isEqualTo("Bob");
        assertThat(fixture.who(1, "2026-03-09T12:00:00Z")).isEqualTo("Zoe");
    }

    @Test
    void anOverrideEndingInThePastIsRefused() {
        fixture.at("2026-03-09T12:00:00Z");
        refused(OnCallError.PAST_DATED, () -> fixture.override(L1, "x", "2026-03-09T06:00:00Z", "2026-03-09T12:00:00Z", "zoe"));
    }

    @Test
    void withdrawingAnOverrideCutsOnlyItsFuture_onceOnly_andNotAfterItEnded() {
        fixture.override(L1, "zoe", "2026-03-08T17:00:00Z", "2026-03-10T08:00:00Z", "zoe");
        fixture.at("2026-03-09T00:00:00Z");
        OverrideWithdrawn withdrawn = fixture.record(OnCallRules.withdrawOverride(fixture.state(), fixture.now(), L1, "zoe"));

        assertThat(withdrawn.effectiveFrom()).isEqualTo("2026-03-09T00:00:00Z");
        assertThat(fixture.who(1, "2026-03-08T20:00:00Z")).isEqualTo("Zoe");
        assertThat(fixture.who(1, "2026-03-09T00:00:00Z")).isEqualTo("Alice");
        assertThat(fixture.who(1, "2026-03-09T09:00:00Z")).isEqualTo("Bob");
        assertThat(OnCallRules.withdrawOverride(fixture.state(), fixture.now(), L1, "zoe")).as("a second withdrawal").isNull();

        fixture.override(L1, "short", "2026-03-09T01:00:00Z", "2026-03-09T02:00:00Z", "yann");
        fixture.at("2026-03-09T03:00:00Z");
        refused(OnCallError.OVERRIDE_OVER, () -> OnCallRules.withdrawOverride(fixture.state(), fixture.now(), L1, "short"));
        refused(OnCallError.UNKNOWN_OVERRIDE, () -> OnCallRules.withdrawOverride(fixture.state(), fixture.now(), L1, "nope"));
    }

    @Test
    void aWithdrawnFutureOverrideIsGoneEntirely() {
        fixture.override(L1, "zoe", "2026-03-20T00:00:00Z", "2026-03-21T00:00:00Z", "zoe");
        fixture.record(OnCallRules.withdrawOverride(fixture.state(), fixture.now(), L1, "zoe"));
        assertThat(fixture.who(1, "2026-03-20T12:00:00Z")).isEqualTo("Carol");
    }

    @Test
    void retiringAScheduleEndsItFromThenOn_keepsItsPast_andFreesTheLevel() {
        refused(OnCallError.PAST_DATED, () -> OnCallRules.retireSchedule(fixture.state(), fixture.now(), L1,
                Instant.parse("2026-02-28T00:00:00Z")));
        refused(OnCallError.LEVEL_HAS_SCHEDULE, () -> fixture.schedule("second", 1, "Another"));

        fixture.at("2026-03-10T12:00:00Z");
        fixture.record(OnCallRules.retireSchedule(fixture.state(), fixture.now(), L1, null));

        assertThat(fixture.who(1, "2026-03-10T11:59:59Z")).isEqualTo("Bob");
        assertThat(fixture.holders(1, "2026-03-10T12:00:00Z")).isEmpty();
        assertThat(OnCallRules.retireSchedule(fixture.state(), fixture.now(), L1, null)).as("retired again").isNull();
        refused(OnCallError.SCHEDULE_RETIRED, () -> fixture.override(L1, "z", "2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z", "zoe"));

        fixture.schedule("second", 1, "Another");
        fixture.rotation("second", "r", OnCallFixture.daily(LocalDateTime.parse("2026-03-10T09:00"), "yann"));
        assertThat(fixture.who(1, "2026-03-11T12:00:00Z")).isEqualTo("Yann");
        assertThat(fixture.holders(1, "2026-03-10T11:00:00Z").orElseThrow().scheduleId()).isEqualTo(L1);
    }

    @Test
    void aScheduleAnswersOnlyFromItsCreation() {
        assertThat(fixture.holders(1, "2026-02-28T12:00:00Z")).isEmpty();
        assertThat(fixture.holders(1, "2026-03-01T12:00:00Z")).hasValueSatisfying(h -> assertThat(h.nobody()).isTrue());
    }

    // ---- rotations

    @Test
    void aFirstVersionTakesEffectAtItsFirstHandOff_unlessToldOtherwise() {
        assertThat(fixture.who(1, "2026-03-02T07:59:59Z")).isEqualTo("nobody");
        assertThat(fixture.who(1, "2026-03-02T08:00:00Z")).isEqualTo("Alice");
    }

    @Test
    void anExplicitStartIndexIsKept_andALeaverGivesTheTurnToTheNextInTheOldOrder() {
        fixture.at("2026-03-18T10:00:00Z");
        // Alice would have had the turn from 03-23 (turn 3); she leaves, so the next in the old order, Bob, gets it.
        fixture.rotation(L1, "weekly", new RotationRequest(List.of("carol", "bob"), LocalDateTime.parse("2026-03-02T09:00"),
                Cadence.WEEKS, 1, null, null, List.of(), Instant.parse("2026-03-23T08:00:00Z")));
        assertThat(fixture.who(1, "2026-03-23T09:00:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(1, "2026-03-30T09:00:00Z")).isEqualTo("Carol");

        fixture.rotation(L1, "weekly", new RotationRequest(List.of("carol", "bob"), LocalDateTime.parse("2026-03-02T09:00"),
                Cadence.WEEKS, 1, null, 0, List.of(), Instant.parse("2026-04-06T07:00:00Z")));
        // startIndex 0: turn k (5 on 04-06) is participants[k mod 2].
        assertThat(fixture.who(1, "2026-04-06T08:00:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(1, "2026-04-13T08:00:00Z")).isEqualTo("Carol");
    }

    @Test
    void aNewHandOffTimeCarriesTheOrderIntoTheNewTurns() {
        fixture.at("2026-03-18T10:00:00Z");
        // From now on, hand-offs are on Thursdays at 17:00 (the origin may lie in the future; turns count both ways).
        // Carol holds the turn running now under v1 and keeps the v2 turn running now, which ends Thursday 03-19 17:00.
        fixture.rotation(L1, "weekly", OnCallFixture.weekly(LocalDateTime.parse("2026-03-26T17:00"), "alice", "bob", "carol"));
        assertThat(fixture.who(1, "2026-03-18T10:00:00Z")).isEqualTo("Carol");
        assertThat(fixture.who(1, "2026-03-19T15:59:59Z")).isEqualTo("Carol");
        assertThat(fixture.who(1, "2026-03-19T16:00:00Z")).isEqualTo("Alice");
        assertThat(fixture.who(1, "2026-03-26T16:00:00Z")).isEqualTo("Bob");
    }

    @Test
    void theHighestRankWithSomeoneOnCallWins_andAnEqualRankIsRefused() {
        fixture.people("nina");
        RotationRequest nights = new RotationRequest(List.of("nina"), LocalDateTime.parse("2026-03-02T09:00"), Cadence.WEEKS, 1,
                5, null, List.of(new ActiveWindow(List.of(DayOfWeek.FRIDAY), LocalTime.of(20, 0), LocalTime.of(8, 0))), null);
        fixture.rotation(L1, "fridays", nights);

        assertThat(fixture.who(1, "2026-03-06T18:59:00Z")).isEqualTo("Alice"); // Fri 19:59 local
        assertThat(fixture.who(1, "2026-03-06T19:00:00Z")).isEqualTo("Nina");  // Fri 20:00 local
        assertThat(fixture.who(1, "2026-03-07T06:59:00Z")).isEqualTo("Nina");  // Sat 07:59, in Friday's window
        assertThat(fixture.who(1, "2026-03-07T07:00:00Z")).isEqualTo("Alice"); // Sat 08:00

        refused(OnCallError.RANK_TAKEN, () -> fixture.rotation(L1, "other", OnCallFixture.daily(
                LocalDateTime.parse("2026-03-02T09:00"), "bob")).event());
        fixture.record(OnCallRules.retireRotation(fixture.state(), fixture.now(), L1, "weekly", Instant.parse("2026-03-16T08:00:00Z")));
        fixture.rotation(L1, "other", new RotationRequest(List.of("bob"), LocalDateTime.parse("2026-03-16T09:00"),
                Cadence.DAYS, 1, 0, null, List.of(), null));
        assertThat(fixture.who(1, "2026-03-16T12:00:00Z")).isEqualTo("Bob");
        assertThat(fixture.who(1, "2026-03-13T12:00:00Z")).isEqualTo("Bob"); // the retired rotation's past: Bob's week
    }

    @Test
    void handOffsInTheSmallHoursOfADstZoneAreWarnedAbout_othersAreNot() {
        fixture.schedule("night", 4, "Night desk");
        assertThat(fixture.rotation("night", "daily", OnCallFixture.daily(LocalDateTime.parse("2026-03-28T02:30"), "alice", "bob"))
                .warnings()).singleElement().asString().contains("02:30", "Europe/Berlin");
        assertThat(fixture.rotation(L1, "weekly", OnCallFixture.weekly(LocalDateTime.parse("2026-03-02T09:00"), "alice", "bob", "carol"))
                .warnings()).isEmpty();
        fixture.record(OnCallRules.createSchedule(fixture.state(), fixture.now(), "utc", 3, "UTC desk", "Etc/UTC", "t"));
        assertThat(fixture.rotation("utc", "daily", OnCallFixture.daily(LocalDateTime.parse("2026-03-28T02:30"), "alice")).warnings())
                .as("no DST in UTC").isEmpty();
    }

    @Test
    void aHandOffInsideTheGap_resolvesWithoutAWarningWhenTheZoneHasNoDst() {
        fixture.record(OnCallRules.createSchedule(fixture.state(), fixture.now(), "tokyo", 3, "Tokyo", "Asia/Tokyo", "t"));
        assertThat(fixture.rotation("tokyo", "daily", OnCallFixture.daily(LocalDateTime.parse("2026-03-28T02:30"), "alice", "bob"))
                .warnings()).isEmpty();
        assertThat(fixture.who(3, "2026-03-28T17:29:59Z")).isEqualTo("Alice"); // 02:29:59 JST on 03-29
        assertThat(fixture.who(3, "2026-03-28T17:30:00Z")).isEqualTo("Bob");
    }

    // ---- people

    @Test
    void aPersonSavedAgainIsShownAsSavedFromThenOn_andAnIdenticalSaveIsANoOp() {
        assertThat(OnCallRules.savePerson(fixture.state(), "alice", "Alice", "alice@example.com", null)).isNull();
        fixture.at("2026-03-05T12:00:00Z");
        fixture.record(OnCallRules.savePerson(fixture.state(), "alice", "Alice Smith", "alice@corp.example", "https://hooks.example/a"));

        assertThat(fixture.holders(1, "2026-03-03T12:00:00Z").orElseThrow().people().get(0))
                .isEqualTo(new Person("alice", "Alice", "alice@example.com", null));
        assertThat(fixture.holders(1, "2026-03-06T12:00:00Z").orElseThrow().people().get(0))
                .isEqualTo(new Person("alice", "Alice Smith", "alice@corp.example", "https://hooks.example/a"));
    }

    // ---- hand-off notes

    @Test
    void aHandOffNoteIsTheCurrentHoldersByDefault_forTheirWholeStretch() {
        fixture.at("2026-03-09T07:30:00Z");
        HandOffNoted note = fixture.record(OnCallRules.noteHandOff(fixture.state(), fixture.now(), L1, null, "Disk alert on db-2 is noisy"));
        assertThat(note.personId()).isEqualTo("alice");
        assertThat(note.shiftStart()).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(note.at()).isEqualTo("2026-03-09T07:30:00Z");

        // Level 2 at Saturday noon: nobody now, Erin held it last (Friday).
        fixture.at("2026-03-14T12:00:00Z");
        HandOffNoted last = OnCallRules.noteHandOff(fixture.state(), fixture.now(), L2, null, "quiet");
        assertThat(last.personId()).isEqualTo("erin");
        assertThat(last.shiftStart()).isEqualTo("2026-03-13T08:00:00Z");
        refused(OnCallError.NO_OUTGOING_PERSON, () -> OnCallRules.noteHandOff(fixture.state(), fixture.now(), L2, "zoe", "n"));
    }

    // ---- validation

    @Test
    void badInputIsRefusedWithTheFieldAtFault() {
        invalid("level", () -> OnCallRules.createSchedule(fixture.state(), fixture.now(), "s", 5, "x", OnCallFixture.BERLIN, "t"));
        invalid("level", () -> OnCallRules.createSchedule(fixture.state(), fixture.now(), "s", 0, "x", OnCallFixture.BERLIN, "t"));
        invalid("zone", () -> OnCallRules.createSchedule(fixture.state(), fixture.now(), "s", 3, "x", "Mars/Olympus", "t"));
        invalid("zone", () -> OnCallRules.createSchedule(fixture.state(), fixture.now(), "s", 3, "x", "+01:00", "t"));
        invalid("name", () -> OnCallRules.createSchedule(fixture.state(), fixture.now(), "s", 3, "x".repeat(101), OnCallFixture.BERLIN, "t"));
        invalid("participants[1]", () -> fixture.rotation(L1, "weekly", OnCallFixture.weekly(LocalDateTime.parse("2026-03-02T09:00"), "alice", "mallory")));
        invalid("participants", () -> fixture.rotation(L1, "weekly", OnCallFixture.weekly(LocalDateTime.parse("2026-03-02T09:00"))));
        invalid("length", () -> fixture.rotation(L1, "weekly", new RotationRequest(List.of("alice"), LocalDateTime.parse("2026-03-02T09:00"),
                Cadence.WEEKS, 53, null, null, null, null)));
        invalid("activeWindows[0].days", () -> fixture.rotation(L1, "weekly", new RotationRequest(List.of("alice"),
                LocalDateTime.parse("2026-03-02T09:00"), Cadence.DAYS, 1, null, null,
                List.of(new ActiveWindow(List.of(), LocalTime.of(9, 0), LocalTime.of(17, 0))), null)));
        invalid("activeWindows[0]", () -> fixture.rotation(L1, "weekly", new RotationRequest(List.of("alice"),
                LocalDateTime.parse("2026-03-02T09:00"), Cadence.DAYS, 1, null, null,
                List.of(new ActiveWindow(List.of(DayOfWeek.MONDAY), null, LocalTime.of(17, 0))), null)));
        invalid("rotationId", () -> fixture.rotation(L1, "no spaces", OnCallFixture.weekly(LocalDateTime.parse("2026-03-02T09:00"), "alice")));
        invalid("to", () -> fixture.override(L1, "o", "2026-03-05T00:00:00Z", "2026-03-05T00:00:00Z", "zoe"));
        invalid("personId", () -> fixture.override(L1, "o", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z", "mallory"));
        invalid("note", () -> OnCallRules.noteHandOff(fixture.state(), fixture.now(), L1, "alice", " "));
        invalid("note", () -> OnCallRules.noteHandOff(fixture.state(), fixture.now(), L1, "alice", "x".repeat(4001)));
        invalid("chatWebhook", () -> OnCallRules.savePerson(fixture.state(), "p", "P", null, "ftp://hooks.example/x"));
        invalid("chatWebhook", () -> OnCallRules.savePerson(fixture.state(), "p", "P", null, "javascript:alert(1)"));
        invalid("email", () -> OnCallRules.savePerson(fixture.state(), "p", "P", "not-an-address", null));
        invalid("name", () -> OnCallRules.savePerson(fixture.state(), "p", "Line\nbreak", null, null));
        invalid("personId", () -> OnCallRules.savePerson(fixture.state(), "../x", "P", null, null));
        refused(OnCallError.UNKNOWN_SCHEDULE, () -> fixture.override("nope", "o", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z", "zoe"));
    }

    @Test
    void theSourceIsTheOverrideOnlyWhileItLasts() {
        fixture.override(L1, "zoe", "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", "zoe");
        assertThat(fixture.holders(1, "2026-03-03T00:00:00Z").orElseThrow().source()).isEqualTo(OnCallSource.OVERRIDE);
        assertThat(fixture.holders(1, "2026-03-04T00:00:00Z").orElseThrow().source()).isEqualTo(OnCallSource.SCHEDULE);
    }

    private static void refused(OnCallError code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OnCallException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static void invalid(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OnCallException.class, e -> {
            assertThat(e.code()).isEqualTo(OnCallError.INVALID);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
