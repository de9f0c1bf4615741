package io.incidents.notificationservice.oncall;

import io.incidents.notificationservice.oncall.OnCallEvent.ActiveWindow;
import io.incidents.notificationservice.oncall.OnCallEvent.Cadence;
import io.incidents.notificationservice.oncall.OnCallRules.RotationRequest;
import io.incidents.notificationservice.oncall.OnCallState.Piece;
import io.incidents.notificationservice.oncall.OnCallState.Schedule;
import io.incidents.notificationservice.oncall.OnCallState.Segment;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static io.incidents.notificationservice.oncall.OnCallFixture.L1;
import static io.incidents.notificationservice.oncall.OnCallFixture.L2;
import static org.assertj.core.api.Assertions.assertThat;

/** The final schedule's segments agree with "who is on call at T" everywhere, and are whole. */
class SegmentsTest {

    private final OnCallFixture fixture = OnCallFixture.standard();

    @Test
    void segmentsAgreeWithTheHolderAtEveryQuarterHour_acrossDstOverridesWindowsAndRanks() {
        fixture.people("nina");
        // Sunday nights 02:30-06:00, starting inside the 03-29 gap, above the weekly rotation.
        fixture.rotation(L1, "sunday-nights", new RotationRequest(List.of("nina"), LocalDateTime.parse("2026-03-02T09:00"),
                Cadence.WEEKS, 1, 3, null, List.of(new ActiveWindow(List.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30),
                LocalTime.of(6, 0))), null));
        fixture.override(L1, "zoe", "2026-03-08T17:00:00Z", "2026-03-10T08:00:00Z", "zoe");
        fixture.override(L1, "yann", "2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z", "yann");
        fixture.at("2026-03-18T10:00:00Z");
        fixture.rotation(L1, "weekly", OnCallFixture.weekly(LocalDateTime.parse("2026-03-26T17:00"), "alice", "bob", "carol", "dave"));

        for (String scheduleId : List.of(L1, L2)) {
            agreeEveryQuarterHour(scheduleId, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-15T00:00:00Z"));
            agreeEveryQuarterHour(scheduleId, Instant.parse("2026-10-20T00:00:00Z"), Instant.parse("2026-10-30T00:00:00Z"));
        }
        // The window edge inside the gap: 03:00 CEST (01:00Z), when the clock jumps past 02:30.
        assertThat(fixture.who(1, "2026-03-29T00:59:59Z")).isEqualTo("Alice");
        assertThat(fixture.who(1, "2026-03-29T01:00:00Z")).isEqualTo("Nina");
    }

    private void agreeEveryQuarterHour(String scheduleId, Instant from, Instant to) {
        OnCallState state = fixture.state();
        Schedule schedule = state.schedule(scheduleId).orElseThrow();
        List<Segment> segments = state.segments(schedule, from, to);
        for (int i = 1; i < segments.size(); i++) {
            assertThat(segments.get(i).start()).as("ordered, not overlapping").isAfterOrEqualTo(segments.get(i - 1).end());
        }
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(15))) {
            Instant at = t;
            Piece piece = state.pieceAt(schedule, at);
            Segment covering = segments.stream().filter(s -> !s.start().isAfter(at) && s.end().isAfter(at)).findFirst().orElse(null);
            assertThat(covering == null ? null : covering.piece()).as("%s at %s", scheduleId, at).isEqualTo(piece);
        }
    }

    @Test
    void aRangeInsideATurnGivesTheWholeTurn_andEachTurnIsASegmentOfItsOwn() {
        Schedule l1 = fixture.state().schedule(L1).orElseThrow();
        List<Segment> whole = fixture.state().wholeSegments(l1, Instant.parse("2026-03-11T00:00:00Z"), Instant.parse("2026-03-11T00:00:01Z"));
        assertThat(whole).singleElement().satisfies(s -> {
            assertThat(s.start()).isEqualTo("2026-03-09T08:00:00Z");
            assertThat(s.end()).isEqualTo("2026-03-16T08:00:00Z");
            assertThat(s.personId()).isEqualTo("bob");
        });

        fixture.schedule("solo", 3, "Solo");
        fixture.rotation("solo", "me", OnCallFixture.daily(LocalDateTime.parse("2026-03-02T09:00"), "grace"));
        Schedule solo = fixture.state().schedule("solo").orElseThrow();
        assertThat(fixture.state().segments(solo, Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-06T00:00:00Z")))
                .extracting(Segment::start).containsExactly(Instant.parse("2026-03-03T00:00:00Z"),
                        Instant.parse("2026-03-03T08:00:00Z"), Instant.parse("2026-03-04T08:00:00Z"), Instant.parse("2026-03-05T08:00:00Z"));
        assertThat(fixture.state().stretches(solo, Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-06T00:00:00Z")))
                .as("one person's turns in a row are one stretch").hasSize(1);
    }

    @Test
    void daytimeWindowsGiveOneSegmentPerWorkingDay() {
        Schedule l2 = fixture.state().schedule(L2).orElseThrow();
        List<Segment> week = fixture.state().segments(l2, Instant.parse("2026-03-09T00:00:00Z"), Instant.parse("2026-03-16T00:00:00Z"));
        assertThat(week).extracting(s -> s.personId() + " " + s.start() + "-" + s.end()).containsExactly(
                "bob 2026-03-09T08:00:00Z-2026-03-09T17:00:00Z",
                "erin 2026-03-10T08:00:00Z-2026-03-10T17:00:00Z",
                "dave 2026-03-11T08:00:00Z-2026-03-11T17:00:00Z",
                "bob 2026-03-12T08:00:00Z-2026-03-12T17:00:00Z",
                "erin 2026-03-13T08:00:00Z-2026-03-13T17:00:00Z");
    }
}
