package io.incidents.notificationservice.oncall;

import io.incidents.notificationservice.oncall.OnCallEvent.ActiveWindow;
import io.incidents.notificationservice.oncall.OnCallEvent.Cadence;
import io.incidents.notificationservice.oncall.OnCallRules.OverrideOutcome;
import io.incidents.notificationservice.oncall.OnCallRules.RotationOutcome;
import io.incidents.notificationservice.oncall.OnCallRules.RotationRequest;
import io.incidents.notificationservice.oncall.OnCallState.Recorded;
import io.incidents.testsupport.MutableClock;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The research fixture (docs: oncall-anchors section 4), built through the same rules the HTTP
 * API uses, with a clock the test moves: zone Europe/Berlin; level 1 weekly [Alice, Bob, Carol],
 * hand-off Monday 09:00 local from 2026-03-02 (Alice); level 2 daily [Dave, Bob, Erin] from
 * Monday 2026-03-02 09:00 (Dave), on call Monday to Friday 09:00-18:00; level 3 has no schedule
 * (its configured contacts answer). Recorded on 2026-03-01.
 */
final class OnCallFixture {

    static final String BERLIN = "Europe/Berlin";
    static final String L1 = "schedule-l1";
    static final String L2 = "schedule-l2";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<Recorded> log = new ArrayList<>();
    private OnCallState state = OnCallState.EMPTY;

    /** The research fixture. */
    static OnCallFixture standard() {
        OnCallFixture fixture = new OnCallFixture();
        fixture.people("alice", "bob", "carol", "dave", "erin", "frank", "grace", "zoe", "yann");
        fixture.schedule(L1, 1, "Platform on-call");
        fixture.rotation(L1, "weekly", weekly(LocalDateTime.parse("2026-03-02T09:00"), "alice", "bob", "carol"));
        fixture.schedule(L2, 2, "DevOps leads");
        fixture.rotation(L2, "daily", new RotationRequest(List.of("dave", "bob", "erin"), LocalDateTime.parse("2026-03-02T09:00"),
                Cadence.DAYS, 1, null, null, List.of(new ActiveWindow(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0))), null));
        return fixture;
    }

    static RotationRequest weekly(LocalDateTime firstHandOff, String... participants) {
        return new RotationRequest(List.of(participants), firstHandOff, Cadence.WEEKS, 1, null, null, List.of(), null);
    }

    static RotationRequest daily(LocalDateTime firstHandOff, String... participants) {
        return new RotationRequest(List.of(participants), firstHandOff, Cadence.DAYS, 1, null, null, List.of(), null);
    }

    OnCallState state() {
        return state;
    }

    Instant now() {
        return clock.instant();
    }

    void at(String instant) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
    }

    <E extends OnCallEvent> E record(E event) {
        if (event != null) {
            log.add(new Recorded(log.size() + 1, clock.instant(), "tester", event));
            state = new OnCallState(log);
        }
        return event;
    }

    void people(String... ids) {
        for (String id : ids) {
            record(OnCallRules.savePerson(state, id, name(id), id + "@example.com", null));
        }
    }

    static String name(String id) {
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    void schedule(String scheduleId, int level, String name) {
        record(OnCallRules.createSchedule(state, now(), scheduleId, level, name, BERLIN, "token-" + scheduleId));
    }

    RotationOutcome rotation(String scheduleId, String rotationId, RotationRequest request) {
        RotationOutcome outcome = OnCallRules.defineRotation(state, now(), scheduleId, rotationId, request);
        record(outcome.event());
        return outcome;
    }

    OverrideOutcome override(String scheduleId, String overrideId, String from, String to, String personId) {
        OverrideOutcome outcome = OnCallRules.addOverride(state, now(), scheduleId, overrideId, Instant.parse(from),
                Instant.parse(to), personId, "Alice is at a conference; Zoe covers, Bob takes over on Tuesday");
        record(outcome.event());
        return outcome;
    }

    Optional<OnCallHolders> holders(int level, String at) {
        return state.holders(level, Instant.parse(at));
    }

    /** "Alice", "nobody" (the schedule has no one: configured contacts) or "no schedule". */
    String who(int level, String at) {
        return holders(level, at).map(h -> h.nobody() ? "nobody" : String.join("+", h.people().stream().map(Person::name).toList()))
                .orElse("no schedule");
    }
}
