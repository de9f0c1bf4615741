package io.incidents.notificationservice.oncall;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * What happened to the on-call schedules: each change is one of these, appended to
 * {@code oncall_event} and never changed, so who held a level at any past moment stays what it
 * was. Changes take effect from a moment at or after their recording (past-dated ones are
 * refused), which is what makes that true. Stored as JSON under the record's simple name: names
 * and fields are permanent (fields may be added).
 */
public sealed interface OnCallEvent {

    /** The schedule the event belongs to; null for a person. */
    String scheduleId();

    /** A person schedules can name, with where to reach them; a later save replaces the earlier from then on. */
    record PersonSaved(String personId, String name, String email, String chatWebhook) implements OnCallEvent {
        @Override
        public String scheduleId() {
            return null;
        }
    }

    /**
     * The on-call schedule of an escalation level (1..4), in force from its recording until
     * retired; its rotations read local times in {@code zone} (an IANA id). The calendar token
     * opens the schedule's iCalendar feed without a login (calendar clients cannot log in).
     */
    record ScheduleCreated(String scheduleId, int level, String name, String zone, String calendarToken)
            implements OnCallEvent {
    }

    /** The schedule no longer answers for its level from {@code effectiveFrom} on. */
    record ScheduleRetired(String scheduleId, Instant effectiveFrom) implements OnCallEvent {
    }

    /**
     * Version {@code version} of a rotation, in force from {@code effectiveFrom} until a version
     * or retirement of the same rotation recorded later takes effect. Turn k starts at
     * {@code firstHandOff + k * length cadence} local time in the schedule's zone (k may be
     * negative) and belongs to {@code participants[(startIndex + k) mod size]}; inside a turn the
     * holder is on call only within {@code activeWindows} (empty: always). Where rotations of a
     * schedule overlap, the highest {@code rank} with someone on call wins.
     */
    record RotationDefined(String scheduleId, String rotationId, int version, Instant effectiveFrom, int rank,
                           List<String> participants, LocalDateTime firstHandOff, Cadence cadence, int length,
                           int startIndex, List<ActiveWindow> activeWindows) implements OnCallEvent {
        public RotationDefined {
            participants = participants == null ? List.of() : List.copyOf(participants);
            activeWindows = activeWindows == null ? List.of() : List.copyOf(activeWindows);
        }
    }

    /** The rotation has nobody on call from {@code effectiveFrom} on (until a later version). */
    record RotationRetired(String scheduleId, String rotationId, Instant effectiveFrom) implements OnCallEvent {
    }

    /**
     * {@code personId} holds the schedule's level in [from, to), above every rotation; where
     * overrides overlap, the one recorded last wins.
     */
    record OverrideAdded(String scheduleId, String overrideId, Instant from, Instant to, String personId, String reason)
            implements OnCallEvent {
    }

    /** The override ends at {@code effectiveFrom} (never before its recording): only its future part goes. */
    record OverrideWithdrawn(String scheduleId, String overrideId, Instant effectiveFrom) implements OnCallEvent {
    }

    /** The note the outgoing person wrote at the end of the shift that began at {@code shiftStart}. */
    record HandOffNoted(String scheduleId, Instant shiftStart, String personId, String note, Instant at)
            implements OnCallEvent {
    }

    enum Cadence { DAYS, WEEKS }

    /**
     * On the given days, from {@code from} to {@code to} local time; a window whose {@code to} is
     * not after {@code from} runs past midnight into the next day ({@code to == from}: 24 hours).
     */
    record ActiveWindow(List<DayOfWeek> days, LocalTime from, LocalTime to) {
        public ActiveWindow {
            days = days == null ? List.of() : List.copyOf(days);
        }
    }

    /** The name an event is stored under. */
    static String typeOf(OnCallEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The record type stored under {@code type}, or null for a type this version does not know. */
    static Class<? extends OnCallEvent> typeNamed(String type) {
        for (Class<?> candidate : OnCallEvent.class.getPermittedSubclasses()) {
            if (candidate.getSimpleName().equals(type)) {
                return candidate.asSubclass(OnCallEvent.class);
            }
        }
        return null;
    }
}
