package io.incidents.notificationservice.oncall;

import io.incidents.notificationservice.oncall.OnCallEvent.ActiveWindow;
import io.incidents.notificationservice.oncall.OnCallEvent.Cadence;
import io.incidents.notificationservice.oncall.OnCallEvent.RotationDefined;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A rotation version's turns, by wall clock: turn k starts at {@code firstHandOff + k * length
 * cadence} in the schedule's zone, so a weekly hand-off at 09:00 stays at 09:00 across DST (a
 * turn then lasts 167 or 169 hours). A local time the zone skips (a spring-forward gap) moves
 * forward by the gap, a repeated one (autumn) is its first occurrence: java.time's
 * {@code ZonedDateTime.of}, which is RFC 5545 section 3.3.5's rule.
 */
final class Turns {

    private Turns() {
    }

    /** When turn {@code k} starts. */
    static Instant boundary(RotationDefined version, ZoneId zone, long k) {
        ChronoUnit unit = version.cadence() == Cadence.WEEKS ? ChronoUnit.WEEKS : ChronoUnit.DAYS;
        LocalDateTime local = version.firstHandOff().plus(k * version.length(), unit);
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /** The turn that covers {@code at}: boundary(k) <= at < boundary(k + 1). */
    static long turnAt(RotationDefined version, ZoneId zone, Instant at) {
        long nominalSeconds = version.length() * (version.cadence() == Cadence.WEEKS ? 7L : 1L) * 86_400L;
        long k = Math.floorDiv(Duration.between(boundary(version, zone, 0), at).getSeconds(), nominalSeconds);
        // The estimate is off by at most one turn (DST moves a boundary by an hour or two).
        while (boundary(version, zone, k).isAfter(at)) {
            k--;
        }
        while (!boundary(version, zone, k + 1).isAfter(at)) {
            k++;
        }
        return k;
    }

    /** Whose turn {@code k} is. */
    static String holderOfTurn(RotationDefined version, long k) {
        List<String> people = version.participants();
        return people.get((int) Math.floorMod(version.startIndex() + k, (long) people.size()));
    }

    /**
     * Whether the turn's holder is on call at {@code at}: always without windows, else when the
     * local time falls in one. Windows only mask: the turns keep counting outside them.
     */
    static boolean active(RotationDefined version, ZoneId zone, Instant at) {
        if (version.activeWindows().isEmpty()) {
            return true;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalTime time = local.toLocalTime();
        for (ActiveWindow window : version.activeWindows()) {
            if (window.from().isBefore(window.to())) {
                if (window.days().contains(local.getDayOfWeek()) && !time.isBefore(window.from()) && time.isBefore(window.to())) {
                    return true;
                }
            } else if ((window.days().contains(local.getDayOfWeek()) && !time.isBefore(window.from()))
                    || (window.days().contains(local.getDayOfWeek().minus(1)) && time.isBefore(window.to()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The instants at which the wall clock of {@code zone} reads {@code local}: one, two in a
     * fold, and in a gap (when it never does) the transition, where the clock jumps past it.
     */
    static List<Instant> instantsOf(LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return List.of(zone.getRules().getTransition(local).getInstant());
        }
        List<Instant> instants = new ArrayList<>(offsets.size());
        offsets.forEach(offset -> instants.add(local.toInstant(offset)));
        return instants;
    }
}
